using System.Text.RegularExpressions;

namespace IncidentBot.Core.Incidents;

/// <summary>Incident severity; <see cref="Sev1"/> is the most severe.</summary>
public enum Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}

/// <summary>
/// Parsing and printing of <see cref="Severity"/> as people write it. One mapping for commands and alerts:
/// <c>sev1</c>/<c>P1</c>/<c>critical</c> sev1, <c>sev2</c>/<c>P2</c>/<c>major</c>/<c>high</c> sev2,
/// <c>sev3</c>/<c>P3</c>/<c>minor</c>/<c>medium</c> sev3, <c>sev4</c>/<c>P4</c>/<c>low</c> sev4 (any case,
/// <c>SEV-1</c> and <c>P-1</c> too).
/// </summary>
public static partial class SeverityText
{
    /// <summary>The words people use, as help and errors list them.</summary>
    public const string WordsText = "sev1..sev4, P1..P4, critical, major, minor (or high, medium, low)";

    private static readonly Dictionary<string, Severity> PeopleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = Severity.Sev1,
        ["major"] = Severity.Sev2, ["high"] = Severity.Sev2,
        ["minor"] = Severity.Sev3, ["medium"] = Severity.Sev3,
        ["low"] = Severity.Sev4,
    };

    // Alertmanager and most monitoring tools say these; nobody types them as a severity in chat.
    private static readonly Dictionary<string, Severity> AlertOnlyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = Severity.Sev2,
        ["warning"] = Severity.Sev3,
        ["info"] = Severity.Sev4,
    };

    /// <summary>Parses <c>sev1</c>..<c>sev4</c> (any case, <c>1</c>..<c>4</c> and <c>SEV-1</c> accepted): the strict
    /// form runbooks use for their keys.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
        if (t.StartsWith("sev", StringComparison.Ordinal)) t = t[3..];
        if (t.Length == 1 && t[0] is >= '1' and <= '4')
        {
            severity = (Severity)(t[0] - '0');
            return true;
        }
        return false;
    }

    /// <summary>Parses one severity as people write it in a command: a code (<c>sev2</c>, <c>SEV-2</c>, <c>P2</c>)
    /// or a word (<c>critical</c>, <c>major</c>, <c>minor</c>, <c>high</c>, <c>medium</c>, <c>low</c>).
    /// A bare number is not a severity here (titles have numbers in them).</summary>
    public static bool TryParseWord(string? text, out Severity severity)
    {
        severity = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (PeopleWords.TryGetValue(t, out severity)) return true;
        return IsCode(t) && TryParseCode(t, out severity);
    }

    /// <summary>True for a code written like a severity: <c>sev2</c>, <c>SEV-2</c>, <c>P2</c>, and so for
    /// <c>sev5</c>, <c>p0</c>, <c>P9</c> or a bare <c>sev</c>, which are not severities (a command refuses them
    /// rather than reading them as words of a title). <c>p99</c> is a percentile, not a code.</summary>
    public static bool IsCode(string? text) => text is not null && CodePattern().IsMatch(text.Trim());

    /// <summary>Maps an alert's <c>severity</c> label: everything <see cref="TryParseWord"/> reads, and the
    /// monitoring words <c>error</c> sev2, <c>warning</c> sev3, <c>info</c> sev4. Null for anything else.</summary>
    public static Severity? FromAlertLabel(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (AlertOnlyWords.TryGetValue(value.Trim(), out var alert)) return alert;
        return TryParseWord(value, out var s) ? s : null;
    }

    /// <summary>The lower-case form used in commands, runbooks and exports: <c>sev2</c>.</summary>
    public static string ToText(this Severity severity) => "sev" + (int)severity;

    private static bool TryParseCode(string code, out Severity severity)
    {
        var digits = code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).TrimStart('s', 'e', 'v', 'p');
        severity = default;
        if (digits.Length != 1 || digits[0] is < '1' or > '4') return false;
        severity = (Severity)(digits[0] - '0');
        return true;
    }

    [GeneratedRegex("^(?i:sev-?[0-9]*|p-?[0-9])$")]
    private static partial Regex CodePattern();
}
