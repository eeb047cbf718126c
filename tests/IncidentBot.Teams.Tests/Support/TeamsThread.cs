using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>What an incident's Teams reply chain must say, from what the bot committed, and what it did say.</summary>
internal static partial class TeamsThread
{
    /// <summary>
    /// What the notifications of <paramref name="incidentId"/> ask the thread to say, in commit order: one line per event
    /// they name, without its "who: " part (the declaration's notification is the root itself, not a reply).
    /// </summary>
    public static IReadOnlyList<string> ExpectedLines(IEnumerable<OutboxItem> notifications, IReadOnlyList<EvidenceEvent> events, string incidentId) =>
        [.. notifications.Where(n => n.Stream == incidentId).OrderBy(n => n.Id)
            .Select(OutboxDrafts.Read<Notification>).Where(n => n.DescribesEvents)
            .SelectMany(n => events.Where(e => e.Seq >= n.FromSeq && e.Seq <= n.ToSeq))
            .Select(e => TimelineText.Describe(EventCodec.Deserialize(e.Type, e.PayloadJson)))];

    /// <summary>
    /// The lines of <paramref name="expected"/> the replies say, in the order they say them (each reply's text blocks,
    /// unescaped, "who: " dropped), ignoring the rest of a card's text. A reply chain whose result equals
    /// <paramref name="expected"/> told every change exactly once and in order.
    /// </summary>
    public static IReadOnlyList<string> SaidLines(IEnumerable<JsonObject> replies, IReadOnlyList<string> expected)
    {
        var wanted = expected.ToHashSet(StringComparer.Ordinal);
        return [.. replies.SelectMany(TextsOf).Select(WithoutWho).Where(wanted.Contains)];
    }

    private static IEnumerable<string> TextsOf(JsonObject activity) =>
        Walk(activity["attachments"]?[0]?["content"]?["body"])
            .Select(t => Escape().Replace(t, "$1"));

    private static IEnumerable<string> Walk(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Walk),
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]?.GetValue<string>() ?? ""],
        JsonObject o => o.Select(p => p.Value).SelectMany(Walk),
        _ => [],
    };

    private static string WithoutWho(string line) => line.IndexOf(": ", StringComparison.Ordinal) is var at and >= 0 ? line[(at + 2)..] : line;

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escape();
}
