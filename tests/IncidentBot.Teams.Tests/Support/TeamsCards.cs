using System.Text.Json.Nodes;
using IncidentBot.Teams.Tests.AdaptiveCards;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>Reads the cards and buttons out of what the bot actually sent to the connector stand-in.</summary>
internal static class TeamsCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The Adaptive Card an activity carries (the bot sends one per message), or null.</summary>
    public static JsonObject? CardOf(JsonObject activity) =>
        activity["attachments"] is JsonArray attachments
            ? attachments.OfType<JsonObject>().Where(a => a["contentType"]?.GetValue<string>() == ContentType).Select(a => a["content"] as JsonObject).FirstOrDefault()
            : null;

    /// <summary>Every <c>Action.Execute</c> a person can finally send from <paramref name="card"/>: the buttons
    /// themselves, or for a confirmation or a reason (<c>Action.ShowCard</c>) the button inside.</summary>
    public static IEnumerable<JsonObject> Executes(JsonNode card) => CardJson.Actions(card).Select(CardJson.ExecuteOf);

    /// <summary>The command an <c>Action.Execute</c> sends.</summary>
    public static string Command(JsonObject execute) => execute["data"]!["command"]!.GetValue<string>();

    /// <summary>The id of the input whose text the button appends, or null.</summary>
    public static string? InputId(JsonObject execute) => execute["data"]?["input"]?.GetValue<string>();

    /// <summary>The button of <paramref name="card"/> whose command starts with <paramref name="commandPrefix"/>, or null.</summary>
    public static JsonObject? Button(JsonNode card, string commandPrefix) =>
        Executes(card).FirstOrDefault(e => Command(e).StartsWith(commandPrefix, StringComparison.Ordinal));

    /// <summary>The newest message the bot posted or updated with buttons, when its card has a button starting with
    /// <paramref name="commandPrefix"/>: the message and that button. Null when the newest card with buttons has no such
    /// button (yet): an older card may still offer it, but the incident has moved on since. Thread lines ("alice: learning
    /// …") are cards without buttons that follow the root's update in the same delivery; they never supersede the root,
    /// so they are passed over (otherwise a waiter that looks only after both calls landed, on a loaded machine, never
    /// sees the root's buttons).</summary>
    public static (ConnectorStandInCall Message, JsonObject Execute)? Newest(IEnumerable<ConnectorStandInCall> calls, string commandPrefix)
    {
        var newest = calls.LastOrDefault(c => CardOf(c.Activity) is { } card && Executes(card).Any());
        return newest is not null && Button(CardOf(newest.Activity)!, commandPrefix) is { } execute ? (newest, execute) : null;
    }
}
