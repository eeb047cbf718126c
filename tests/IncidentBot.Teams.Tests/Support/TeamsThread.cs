using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;
using IncidentBot.Teams.AdaptiveCards;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>What an incident's Teams reply chain must show, from what the bot committed.</summary>
internal static class TeamsThread
{
    /// <summary>
    /// The reply activities, in commit order, that the notifications of <paramref name="incidentId"/> ask for: one per
    /// change (the declaration's notification is the root itself, not a reply), each rendered as the product renders it.
    /// A reply chain that equals this got every change exactly once and in order.
    /// </summary>
    public static IReadOnlyList<string> ExpectedReplies(IEnumerable<OutboxItem> notifications, string incidentId)
    {
        var builder = new TeamsMessageBuilder();
        return [.. notifications.Where(n => n.Stream == incidentId).OrderBy(n => n.Id)
            .Select(n => OutboxDrafts.Read<Notification>(n).Card).OfType<Card>()
            .Select(c => builder.Message(c).ToJsonString())];
    }
}
