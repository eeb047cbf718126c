using IncidentBot.Core.Incidents;
using IncidentBot.Core.Text;

namespace IncidentBot.Host.Signals;

/// <summary>How alert labels become incident fields: severity words, the service, merged label sets.</summary>
internal static class SignalLabels
{
    /// <summary>Maps a <c>severity</c> label with the one mapping of Core (<see cref="SeverityText.FromAlertLabel"/>):
    /// <c>critical</c>, <c>P1</c> sev1; <c>high</c>, <c>major</c>, <c>error</c> sev2; <c>warning</c>, <c>minor</c>,
    /// <c>medium</c> sev3; <c>info</c>, <c>low</c> sev4; <c>sev1</c>..<c>sev4</c> as is (any case). Null for anything else.</summary>
    public static Severity? MapSeverity(string? value) => SeverityText.FromAlertLabel(value);

    /// <summary>Longest title kept: incident cards and chat messages show it as a headline.</summary>
    public const int MaxTitleLength = 300;

    /// <summary>Shortens a title composed from alert annotations to <see cref="MaxTitleLength"/> (an alert is never
    /// refused for a long summary: losing the alert would be worse than a cut headline).</summary>
    public static string Shorten(string title) => title.Length <= MaxTitleLength ? title : title[..(MaxTitleLength - 1)] + "\u2026";

    /// <summary>The <c>service</c> label, else <c>job</c>, else empty.</summary>
    public static string Service(IReadOnlyDictionary<string, string> labels) =>
        labels.GetValueOrDefault("service") is { Length: > 0 } s ? s : labels.GetValueOrDefault("job") ?? "";

    /// <summary>The first set overlaid with the second (the second wins on a clash), names and values cleaned like
    /// typed commands (<see cref="UntrustedText"/>): labels are shown in cards and exports.</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string>? second)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in first ?? new Dictionary<string, string>()) merged[UntrustedText.Clean(k)] = UntrustedText.Clean(v);
        foreach (var (k, v) in second ?? new Dictionary<string, string>()) merged[UntrustedText.Clean(k)] = UntrustedText.Clean(v);
        return merged;
    }

    /// <summary>Null when every label has a non-empty name and a value; otherwise what is wrong, naming <paramref name="field"/>.</summary>
    public static string? Problem(string field, IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null) return null;
        foreach (var (k, v) in labels)
        {
            if (UntrustedText.Clean(k).Length == 0) return $"{field} has a label with an empty name (or one of only invisible characters).";
            if (v is null) return $"{field}.{k} must be a string, not null.";
        }
        return null;
    }
}
