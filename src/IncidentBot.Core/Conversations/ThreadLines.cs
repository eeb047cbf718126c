using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Conversations;

/// <summary>
/// What a thread is told about stored events: one line per event, "who: what" (<see cref="TimelineText"/> says what),
/// plain text on one line; each surface escapes it for its format. Lines of several commits go out together as one
/// message (<see cref="AsCard"/>, or prefixed to a card people must act on, <see cref="Prefix"/>).
/// </summary>
public static class ThreadLines
{
    /// <summary>The line for each event, in order.</summary>
    public static IReadOnlyList<ThreadLine> Describe(IEnumerable<EvidenceEvent> events, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(people);
        return [.. events.Select(e => new ThreadLine(e.Seq, UntrustedText.Clean($"{Who(e.Actor, people)}: {TimelineText.Describe(EventCodec.Deserialize(e.Type, e.PayloadJson))}")))];
    }

    /// <summary>Lines as a card of their own, for surfaces whose thread messages are cards (Teams, the console).</summary>
    public static Card AsCard(string incidentId, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return IncidentCards.Notice(lines.Count == 1 ? incidentId : $"{incidentId} · {lines.Count} updates", string.Join('\n', lines), incidentId);
    }

    /// <summary><paramref name="card"/> with <paramref name="lines"/> leading its text: one message says what happened
    /// and what people can do now.</summary>
    public static Card Prefix(Card card, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0) return card;
        var said = string.Join('\n', lines);
        return card with { Text = card.Text.Length == 0 ? said : said + "\n\n" + card.Text };
    }

    private static string Who(string actorId, PeopleDirectory people) =>
        actorId == Actor.System.Id ? Actor.System.DisplayName
        : people.Find(actorId)?.DisplayName ?? (actorId.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? actorId[(colon + 1)..] : actorId);
}
