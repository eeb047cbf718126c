namespace IncidentBot.Core.Runbooks;

/// <summary>"Did you mean" suggestions, so a typo in a key or value names the word that was meant.</summary>
public static class Spelling
{
    /// <summary>The closest of <paramref name="candidates"/> within two edits of <paramref name="given"/>, ignoring
    /// case (so <c>post</c> suggests <c>POST</c>), or null.</summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in candidates)
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute).</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary><c>; did you mean 'x'?</c> or an empty string.</summary>
    public static string Hint(string given, IEnumerable<string> candidates) =>
        Suggest(given, candidates) is { } s ? $"; did you mean '{s}'?" : "";
}
