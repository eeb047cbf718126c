using IncidentBot.Core.Text;

namespace IncidentBot.Host.Signals;

/// <summary>Alert annotations kept as evidence: cleaned like typed commands (<see cref="UntrustedText"/>) and bounded,
/// since whoever writes alert rules writes them and cards and exports show them.</summary>
internal static class SignalAnnotations
{
    /// <summary>Most annotations kept: <c>summary</c> and <c>description</c> first, then the others in name order (so
    /// which ones are dropped is predictable).</summary>
    public const int MaxCount = 20;

    /// <summary>Longest annotation name kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest annotation value kept; a longer one is cut with an ellipsis.</summary>
    public const int MaxValueLength = 1000;

    /// <summary>The first set overlaid with the second, cleaned and bounded; null when nothing is left.</summary>
    public static IReadOnlyDictionary<string, string>? Merge(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string>? second)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in new[] { first, second })
        {
            foreach (var (k, v) in set ?? new Dictionary<string, string>())
            {
                var name = Cut(UntrustedText.Clean(k, MaxNameLength), MaxNameLength);
                var value = Cut(UntrustedText.Clean(v, MaxValueLength), MaxValueLength);
                if (name.Length == 0 || value.Length == 0) continue;
                merged[name] = value;
            }
        }
        return merged.Count == 0 ? null : merged.OrderBy(p => p.Key is "summary" or "description" ? 0 : 1).Take(MaxCount)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1])) end--;   // never half a character
        return text[..end] + "\u2026";
    }
}
