using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// TEMPORARY stand-in for <c>BlockKit/BlockKitRenderer</c>, which the inbound half is writing. Its text names the
/// card's key (<c>INC-7@12</c>), so tests can tell every rendering apart and check their order. Delete it once
/// <c>BlockKitRenderer</c> is in main, if no test still needs key-bearing text.
/// </summary>
internal static class TemporaryBlockKitRenderer
{
    public static SlackMessage Render(Card card) => new(
        Text(card),
        [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Text(card) } }]);

    public static string Text(Card card) => $"{card.Title} [{card.Key}]";
}
