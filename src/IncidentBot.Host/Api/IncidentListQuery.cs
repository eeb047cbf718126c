using System.Globalization;
using System.Text.Json;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Host.Api;

/// <summary>The filters of <c>GET /api/incidents</c> and <c>GET /api/metrics/incidents</c>, parsed from the query
/// string: <c>state</c> (comma-separated camelCase states, or <c>open</c> for every open one) and the declaration
/// window <c>from</c> (inclusive) .. <c>to</c> (exclusive), ISO 8601.</summary>
internal sealed record IncidentListQuery(IReadOnlySet<IncidentState>? States, DateTimeOffset? FromUtc, DateTimeOffset? ToUtc)
{
    private static readonly Dictionary<string, IncidentState[]> StateNames = Enum.GetValues<IncidentState>()
        .ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), s => new[] { s }, StringComparer.OrdinalIgnoreCase);

    private static readonly IncidentState[] Open = [.. Enum.GetValues<IncidentState>().Where(s => s is not (IncidentState.Closed or IncidentState.Cancelled))];

    /// <summary>The states <c>state=</c> accepts, as the error message lists them.</summary>
    internal static string Accepted => "open, " + string.Join(", ", StateNames.Keys);

    /// <summary>True when <paramref name="incident"/> passes every filter.</summary>
    public bool Matches(IncidentSummary incident) =>
        (States is null || States.Contains(incident.State)) && InWindow(incident.DeclaredUtc);

    /// <summary>True when <paramref name="declaredUtc"/> is in [from, to).</summary>
    public bool InWindow(DateTimeOffset declaredUtc) => (FromUtc is null || declaredUtc >= FromUtc) && (ToUtc is null || declaredUtc < ToUtc);

    /// <summary>Parses the parameters; on a bad value returns null and the error naming the parameter.</summary>
    public static IncidentListQuery? TryParse(string? state, string? from, string? to, out string? error)
    {
        error = null;
        HashSet<IncidentState>? states = null;
        if (state is not null)
        {
            states = [];
            foreach (var name in state.Split(',', StringSplitOptions.TrimEntries))
            {
                if (name.Equals("open", StringComparison.OrdinalIgnoreCase)) states.UnionWith(Open);
                else if (StateNames.TryGetValue(name, out var one)) states.UnionWith(one);
                else
                {
                    error = $"state: '{name}' is not a state; expected one or more (comma-separated) of {Accepted}.";
                    return null;
                }
            }
        }
        if (!TryParseTime(from, "from", out var fromUtc, ref error) || !TryParseTime(to, "to", out var toUtc, ref error)) return null;
        if (fromUtc is not null && toUtc is not null && toUtc < fromUtc)
        {
            error = "to: must not be before from.";
            return null;
        }
        return new IncidentListQuery(states, fromUtc, toUtc);
    }

    private static bool TryParseTime(string? text, string name, out DateTimeOffset? value, ref string? error)
    {
        value = null;
        if (text is null) return true;
        // ISO 8601 only, and a time without an offset is UTC: "2026-12-02" and "2026-12-02T15:00:00Z" both parse.
        if (text.Length >= 10 && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && text[4] == '-' && text[7] == '-')
        {
            value = parsed;
            return true;
        }
        error = $"{name}: '{text}' is not a time; expected ISO 8601, e.g. 2026-12-02T15:00:00Z.";
        return false;
    }
}
