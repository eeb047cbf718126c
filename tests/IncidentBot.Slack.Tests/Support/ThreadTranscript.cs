using IncidentBot.Core.Outbox;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Delivery;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// What Slack shows per incident, from the stand-in's successful calls, next to what the outbox asked for. Messages
/// are compared as fingerprints (text and blocks): the renderer puts the card's key (<c>INC-7@12</c>) in its block
/// ids, so two renderings of different versions never look alike.
/// </summary>
internal static class ThreadTranscript
{
    /// <summary>Root posts (chat.postMessage without thread_ts) in a channel, in arrival order.</summary>
    public static IReadOnlyList<RecordedCall> Roots(SlackStandIn slack, string channel) =>
        [.. slack.Succeeded("chat.postMessage").Where(c => Str(c, "channel") == channel && c.Body["thread_ts"] is null)];

    /// <summary>The replies in the thread under <paramref name="rootTs"/>, in arrival order.</summary>
    public static IReadOnlyList<string> Replies(SlackStandIn slack, string rootTs) =>
        [.. slack.Succeeded("chat.postMessage").Where(c => Str(c, "thread_ts") == rootTs).Select(Fingerprint)];

    /// <summary>What the replies under <paramref name="rootTs"/> say, line by line, unescaped, in arrival order: a
    /// message's text, or its sections' text when it has blocks (a card's body leads with the lines of what happened).</summary>
    public static IReadOnlyList<string> Lines(SlackStandIn slack, string rootTs) =>
        [.. slack.Succeeded("chat.postMessage").Where(c => Str(c, "thread_ts") == rootTs).SelectMany(SaidBy)];

    /// <summary>A line without its "who: " part.</summary>
    public static string WithoutWho(string line) => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];

    private static IEnumerable<string> SaidBy(RecordedCall call)
    {
        var blocks = call.Body["blocks"] is JsonArray array && array.Count > 0 ? array : null;
        var texts = blocks is null
            ? [Str(call, "text") ?? ""]
            : blocks.Select(b => b?["type"]?.GetValue<string>() == "section" ? b["text"]?["text"]?.GetValue<string>() : null).OfType<string>();
        return texts.SelectMany(t => t.Split('\n')).Select(SlackText.Unescape);
    }

    /// <summary>The last version of message <paramref name="ts"/> that chat.update set.</summary>
    public static string LastUpdate(SlackStandIn slack, string ts) =>
        Fingerprint(slack.Succeeded("chat.update").Last(c => Str(c, "ts") == ts));

    /// <summary>What the thread of <paramref name="incidentId"/> should hold: every notify row's card, in commit order.</summary>
    public static IReadOnlyList<string> Expected(IReadOnlyList<OutboxItem> notifications, string incidentId, Func<Card, SlackMessage> render) =>
        [.. notifications.Where(n => n.Stream == incidentId)
            .Select(n => OutboxDrafts.Read<Notification>(n).Card)
            .Where(card => card is not null)
            .Select(card => Fingerprint(render(card!)))];

    public static string Fingerprint(SlackMessage message) =>
        message.Text + "\n" + (message.Blocks.Count > 0 ? message.Blocks.ToJsonString() : "");

    public static string Fingerprint(RecordedCall call) =>
        Str(call, "text") + "\n" + (call.Body["blocks"] is { } blocks && blocks.AsArray().Count > 0 ? blocks.ToJsonString() : "");

    public static string? Str(RecordedCall call, string property) => call.Body[property]?.GetValue<string>();
}
