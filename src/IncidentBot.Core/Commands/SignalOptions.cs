namespace IncidentBot.Core.Commands;

/// <summary>Where incidents opened by signals are announced. Section <c>Signals</c>.</summary>
public sealed class SignalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Signals";

    /// <summary>Surfaces that announce them, comma-separated: <c>console</c> (the default), <c>slack</c>, <c>teams</c>,
    /// e.g. <c>slack,teams</c>. The incident is updated in every one of them.</summary>
    public string AnnounceTo { get; set; } = Evidence.Surfaces.Console;

    /// <summary>The conversation when one surface is named (a Slack channel id such as <c>C0123</c>, a Teams channel
    /// id such as <c>19:…@thread.tacv2</c>); unused for the console.</summary>
    public string? Conversation { get; set; }

    /// <summary>The conversation per surface when several are named: <c>Signals:Conversations:slack</c>,
    /// <c>Signals:Conversations:teams</c>. Takes precedence over <see cref="Conversation"/>.</summary>
    public Dictionary<string, string> Conversations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The surfaces <see cref="AnnounceTo"/> names, lower case, each once.</summary>
    public IReadOnlyList<string> Surfaces =>
        [.. AnnounceTo.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    /// <summary>The conversation configured for <paramref name="surface"/>: its entry in <see cref="Conversations"/>,
    /// else <see cref="Conversation"/> when it is the only surface named.</summary>
    public string? ConversationFor(string surface) =>
        Conversations.TryGetValue(surface, out var c) && c?.Trim().Length > 0 ? c.Trim()
        : Surfaces.Count == 1 ? Conversation?.Trim() : null;
}
