using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentBot.Core.Incidents;

/// <summary>
/// Incident ids as people write them: <c>INC-7</c>, <c>inc-7</c>, <c>INC-007</c>, <c>#INC-7</c> all name
/// <c>INC-7</c>. Every place that reads an id (commands, API routes, console threads) normalises it here, so
/// <c>INC-007</c> never becomes a second, empty incident.
/// </summary>
public static partial class IncidentIds
{
    /// <summary>The canonical id of <paramref name="text"/> (<c>INC-</c> and the number without leading zeros),
    /// or null when it is not an incident id. Numbers above 999,999,999 are not ids.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return null;
        var digits = match.Groups[1].Value.TrimStart('0');
        if (digits.Length == 0) digits = "0";
        return digits.Length > 9 ? null : "INC-" + int.Parse(digits, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="text"/> names an incident (<see cref="Normalize"/> is not null).</summary>
    public static bool IsIncidentId(string? text) => Normalize(text) is not null;

    [GeneratedRegex("^#?(?i:inc)-([0-9]{1,20})$")]
    private static partial Regex Pattern();
}
