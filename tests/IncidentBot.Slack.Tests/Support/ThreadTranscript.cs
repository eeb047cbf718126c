using IncidentBot.Core.Evidence;
using IncidentBot.Slack.Delivery;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>What Slack shows per incident, from the stand-in's successful calls, next to what the outbox asked for.</summary>
internal static class ThreadTranscript
{
    /// <summary>Root posts (chat.postMessage without thread_ts) in a channel, in arrival order.</summary>
    public static IReadOnlyList<RecordedCall> Roots(SlackStandIn slack, string channel) =>
        [.. slack.Succeeded("chat.postMessage").Where(c => Str(c, "channel") == channel && c.Body["thread_ts"] is null)];

    /// <summary>The texts of the replies in the thread under <paramref name="rootTs"/>, in arrival order.</summary>
    public static IReadOnlyList<string> Replies(SlackStandIn slack, string rootTs) =>
        [.. slack.Succeeded("chat.postMessage").Where(c => Str(c, "thread_ts") == rootTs).Select(c => Str(c, "text")!)];

    /// <summary>What the thread of <paramref name="incidentId"/> should hold: every notify row's card, in commit order.</summary>
    public static IReadOnlyList<string> Expected(IReadOnlyList<OutboxItem> notifications, string incidentId, RenderCard render) =>
        [.. notifications.Where(n => n.Stream == incidentId)
            .Select(n => SlackNotificationSender.Read(n).Notification.Card)
            .Where(card => card is not null)
            .Select(card => render(card!).Text)];

    public static string? Str(RecordedCall call, string property) => call.Body[property]?.GetValue<string>();
}
