using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;

namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// Draws a surface-neutral <see cref="Card"/> as an Adaptive Card 1.5 (<c>JsonObject</c>) for Teams. Pure: no I/O, no
/// state, the same card always gives the same JSON.
/// <list type="bullet">
/// <item>Title: a bolder, wrapping heading coloured by <see cref="Card.Tone"/>; text: one wrapping <c>TextBlock</c> per
/// line; fields: a <c>FactSet</c>; context: small, subtle print at the end. People's text is escaped with
/// <see cref="TeamsText.Markdown"/>, so it never becomes emphasis, a link or a template expression.</item>
/// <item>Buttons: <c>Action.Execute</c> in <c>ActionSet</c>s of at most <see cref="AdaptiveCardLimits.MaxActionsPerSet"/>,
/// <c>verb</c> = the command's verb, <c>data</c> = <c>{"command":…,"card":…}</c> (ids only, see <see cref="TeamsCardAction"/>).
/// A button with a <see cref="ConfirmDialog"/> or an input prompt becomes an <c>Action.ShowCard</c> that states the
/// consequence and/or asks for the text, then offers the <c>Action.Execute</c>. A button whose command is not a
/// <c>/incident</c> command of at most <see cref="AdaptiveCardLimits.MaxCommandLength"/> characters is left out and
/// counted in the small print.</item>
/// <item>Size: at most <see cref="AdaptiveCardLimits.CardBudgetBytes"/> serialized. A card that would be larger loses,
/// in this order, the tail of its text, its last fields, its small print, its last buttons, and says so in a note.</item>
/// </list>
/// </summary>
public sealed partial class AdaptiveCardRenderer
{
    /// <summary>Renders one card.</summary>
    public JsonObject Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var (actions, dropped) = Actions(card, CardKey(card));
        var layout = new CardLayout(
            TitleText(card),
            ToneColor(card.Tone),
            TextOf(card),
            Facts(card),
            ContextText(card, dropped),
            actions,
            card.IncidentId is { } id ? TeamsText.Clip(TeamsText.SingleLine(id), 40) : null);
        return Fit(layout);
    }

    /// <summary>The card key for button data: <see cref="Card.Key"/> with anything but letters, digits and
    /// <c>@ : . _ - #</c> replaced by <c>_</c>, at most <see cref="AdaptiveCardLimits.MaxCardKeyLength"/>; null without a key.</summary>
    internal static string? CardKey(Card card)
    {
        if (string.IsNullOrWhiteSpace(card.Key)) return null;
        var safe = string.Concat(card.Key.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '@' or ':' or '.' or '_' or '-' or '#' ? c : '_'));
        return safe.Length <= AdaptiveCardLimits.MaxCardKeyLength ? safe : safe[..AdaptiveCardLimits.MaxCardKeyLength];
    }

    private static string TitleText(Card card)
    {
        var icon = card.Tone switch
        {
            CardTone.Success => "✅ ",
            CardTone.Warning => "⚠️ ",
            CardTone.Danger => "🚨 ",
            _ => "",
        };
        var title = TeamsText.SingleLine(card.Title);
        return icon + TeamsText.Markdown(TeamsText.Clip(title.Length > 0 ? title : "IncidentBot", AdaptiveCardLimits.MaxTitle));
    }

    private static string ToneColor(CardTone tone) => tone switch
    {
        CardTone.Success => "good",
        CardTone.Warning => "warning",
        CardTone.Danger => "attention",
        _ => "default",
    };

    private static string TextOf(Card card)
    {
        var text = TeamsText.Clean(card.Text).Trim();
        return text.Length <= AdaptiveCardLimits.MaxText ? text : text[..TeamsText.SafeCut(text, AdaptiveCardLimits.MaxText)];
    }

    private static List<(string Title, string Value)> Facts(Card card) =>
        card.Fields
            .Select(f => (Label: TeamsText.SingleLine(f.Label), Value: TeamsText.SingleLine(f.Value)))
            .Where(f => f.Label.Length > 0 || f.Value.Length > 0)
            .Select(f => (
                TeamsText.Markdown(TeamsText.Clip(f.Label.Length > 0 ? f.Label : "—", AdaptiveCardLimits.MaxFieldLabel)),
                TeamsText.Markdown(TeamsText.Clip(f.Value.Length > 0 ? f.Value : "—", AdaptiveCardLimits.MaxFieldValue))))
            .ToList();

    private static string? ContextText(Card card, int droppedButtons)
    {
        var parts = new List<string>();
        var context = TeamsText.SingleLine(card.Context);
        if (context.Length > 0) parts.Add(TeamsText.Clip(context, AdaptiveCardLimits.MaxContext));
        if (droppedButtons > 0) parts.Add($"{droppedButtons} action(s) could not be shown as buttons; ask IncidentBot for 'help' to see the commands.");
        return parts.Count == 0 ? null : TeamsText.Markdown(string.Join(" · ", parts));
    }

    /// <summary>One wrapping <c>TextBlock</c> per non-empty line of already cleaned text; lines that follow each other
    /// directly sit close together, a blank line leaves the normal gap.</summary>
    internal static IEnumerable<JsonObject> TextBlocks(string cleanText)
    {
        var gap = false;
        var first = true;
        foreach (var line in cleanText.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Trim().Length == 0) { gap = true; continue; }
            var block = TextBlock(TeamsText.Markdown(trimmed));
            if (!first && !gap) block["spacing"] = "none";
            first = false;
            gap = false;
            yield return block;
        }
    }

    internal static JsonObject TextBlock(string escapedText) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = escapedText,
        ["wrap"] = true,
    };
}
