using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;

namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// Builds Bot Framework <c>message</c> activities for cards: <c>{"type":"message","summary":…,"attachments":[{"contentType":
/// "application/vnd.microsoft.card.adaptive","content":card}]}</c>, the body of <c>POST …/v3/conversations/{id}/activities</c>
/// (new message or reply, with <c>replyToId</c> added by the caller) and of <c>PUT …/activities/{activityId}</c> (update).
/// One card per activity and no <c>text</c> beside the attachment: Teams splits text plus an attachment into two messages
/// and the caller would not get back the id it needs to update the card. The caller adds <c>from</c>,
/// <c>recipient</c>, <c>conversation</c>.
/// </summary>
public sealed class TeamsMessageBuilder(AdaptiveCardRenderer renderer)
{
    /// <summary>Longest <c>summary</c> (the notification and fallback text), in characters.</summary>
    public const int MaxSummary = 200;

    /// <summary>A builder with its own renderer.</summary>
    public TeamsMessageBuilder() : this(new AdaptiveCardRenderer())
    {
    }

    /// <summary>The activity for one card.</summary>
    public JsonObject Message(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return FromAdaptiveCard(renderer.Render(card), Summary(card));
    }

    /// <summary>One activity per card, in order (each can then be updated on its own).</summary>
    public IReadOnlyList<JsonObject> Messages(IEnumerable<Card> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return cards.Select(Message).ToList();
    }

    /// <summary>The activity carrying an already rendered card (copied).</summary>
    public static JsonObject FromAdaptiveCard(JsonObject adaptiveCard, string summary)
    {
        ArgumentNullException.ThrowIfNull(adaptiveCard);
        ArgumentNullException.ThrowIfNull(summary);
        var text = TeamsText.Plain(summary);
        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = TeamsText.Clip(text.Length > 0 ? text : "IncidentBot", MaxSummary),
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = AdaptiveCardLimits.ContentType, ["content"] = adaptiveCard.DeepClone() },
            },
        };
    }

    /// <summary>Title and, when the card has one, its State field: <c>INC-7 · Refunds failing · Triage</c>. Plain text.</summary>
    public static string Summary(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var title = TeamsText.Plain(card.Title);
        var state = card.Fields.FirstOrDefault(f => f.Label == "State") is { } f ? TeamsText.Plain(f.Value) : "";
        var summary = state.Length > 0 ? $"{(title.Length > 0 ? title : "IncidentBot")} · {state}" : title;
        return TeamsText.Clip(summary.Length > 0 ? summary : "IncidentBot", MaxSummary);
    }
}
