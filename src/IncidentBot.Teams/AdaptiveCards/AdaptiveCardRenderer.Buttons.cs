using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;

namespace IncidentBot.Teams.AdaptiveCards;

public sealed partial class AdaptiveCardRenderer
{
    /// <summary>The id of the text input of the n-th (1-based) button that asks for text: <c>reason</c>, <c>reason2</c>, …
    /// (input ids must be unique in a card).</summary>
    internal static string InputId(int n) => n == 1 ? "reason" : "reason" + n;

    /// <summary>One action per button, in order; buttons whose command cannot travel as it is are counted instead.</summary>
    private static (List<JsonObject> Actions, int Dropped) Actions(Card card, string? key)
    {
        var actions = new List<JsonObject>();
        var dropped = 0;
        var inputs = 0;
        foreach (var b in card.Buttons)
        {
            var command = b.Command.Trim();
            var verb = TeamsCardAction.VerbOf(command);
            if (verb is null || command.Length > AdaptiveCardLimits.MaxCommandLength || !TeamsCardAction.IsPrintable(command) ||
                command.Contains("${", StringComparison.Ordinal))
            {
                dropped++;
                continue;
            }
            var prompt = b.InputPrompt is { } p && TeamsText.Plain(p) is { Length: > 0 } plain ? plain : null;
            var inputId = prompt is null ? null : InputId(++inputs);
            var data = new JsonObject { [TeamsCardAction.CommandKey] = command };
            if (key is not null) data[TeamsCardAction.CardKeyKey] = key;
            if (inputId is not null) data[TeamsCardAction.InputKey] = inputId;

            var label = Label(b.Label, command, AdaptiveCardLimits.MaxButtonLabel);
            actions.Add(b.Confirm is null && prompt is null
                ? Execute(label, verb, data, b.Style)
                : ShowCard(label, b, Execute(ConfirmLabel(b, label), verb, data, b.Style), prompt, inputId));
        }
        return (actions, dropped);
    }

    private static JsonObject Execute(string title, string verb, JsonObject data, ButtonStyle style) =>
        Styled(new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data }, style);

    /// <summary>A button that opens a small card under itself: the consequence (confirmation title and text), the input
    /// when the command needs text, and the button that really sends the command.</summary>
    private static JsonObject ShowCard(string title, CardButton b, JsonObject execute, string? prompt, string? inputId)
    {
        var body = new JsonArray();
        if (b.Confirm is { } confirm)
        {
            var heading = TextBlock(TeamsText.Markdown(Label(confirm.Title, "Are you sure?", AdaptiveCardLimits.MaxConfirmTitle)));
            heading["weight"] = "bolder";
            body.Add(heading);
            var text = TeamsText.Clean(confirm.Text).Trim();
            foreach (var block in TextBlocks(TeamsText.Clip(text, AdaptiveCardLimits.MaxConfirmText))) body.Add(block);
        }
        if (prompt is not null && inputId is not null) body.Add(Input(inputId, prompt));
        body.Add(ActionSet([execute]));
        return Styled(new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = body },
        }, b.Style);
    }

    private static JsonObject Input(string id, string prompt) => new()
    {
        ["type"] = "Input.Text",
        ["id"] = id,
        ["label"] = TeamsText.Clip(prompt, AdaptiveCardLimits.MaxPrompt),
        ["isRequired"] = true,
        ["errorMessage"] = "Please type something: the command needs it.",
        ["isMultiline"] = true,
        ["maxLength"] = AdaptiveCardLimits.MaxInputLength,
    };

    internal static JsonObject ActionSet(IEnumerable<JsonObject> actions)
    {
        var array = new JsonArray();
        foreach (var a in actions) array.Add(a);
        return new JsonObject { ["type"] = "ActionSet", ["actions"] = array };
    }

    private static JsonObject Styled(JsonObject action, ButtonStyle style)
    {
        if (style == ButtonStyle.Primary) action["style"] = "positive";
        else if (style == ButtonStyle.Danger) action["style"] = "destructive";
        return action;
    }

    private static string ConfirmLabel(CardButton b, string label) =>
        b.Confirm is { } c ? Label(c.ConfirmLabel, "Yes, do it", AdaptiveCardLimits.MaxButtonLabel) : label;

    /// <summary>Plain text (action titles are not markdown), one line, clipped; <paramref name="fallback"/> when blank.</summary>
    private static string Label(string text, string fallback, int max)
    {
        var plain = TeamsText.Plain(text);
        return TeamsText.Clip(plain.Length > 0 ? plain : TeamsText.Plain(fallback), max);
    }
}
