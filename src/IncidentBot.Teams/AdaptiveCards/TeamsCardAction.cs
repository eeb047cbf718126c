using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// A click on a card button, read from an <c>adaptiveCard/action</c> invoke. The button's <c>data</c> is
/// <c>{"command":"/incident reject INC-7","card":"INC-7@12","input":"reason"}</c>: the command line the engine runs,
/// the card key (which rendering was clicked) and, for a button that asks for text, the id of the input whose value
/// Teams merges into <c>data</c>. That text, trimmed and folded to one line, is appended to the command.
/// </summary>
/// <param name="CommandLine">What the engine runs: the button's command, plus <c>" " + InputText</c> when there is input.</param>
/// <param name="Verb">The grammar verb, lower case (<c>reject</c>); equals the action's <c>verb</c>.</param>
/// <param name="CardKey">The card key from the data (<c>INC-7@12</c>), or null when the card had none.</param>
/// <param name="InputText">The text the person typed, or null for a button without input.</param>
public sealed partial record TeamsCardAction(string CommandLine, string Verb, string? CardKey, string? InputText)
{
    /// <summary>Key of the command line in a button's data.</summary>
    public const string CommandKey = "command";

    /// <summary>Key of the card key in a button's data.</summary>
    public const string CardKeyKey = "card";

    /// <summary>Key naming the input whose value is appended to the command.</summary>
    public const string InputKey = "input";

    /// <summary>The invoke activity's <c>name</c> for an <c>Action.Execute</c> click.</summary>
    public const string InvokeName = "adaptiveCard/action";

    /// <summary>
    /// Reads an invoke's <c>value</c> (<c>{"action":{"type":"Action.Execute","verb":…,"data":{…}},"trigger":"manual"}</c>).
    /// Only <c>Action.Execute</c> clicks (<c>trigger</c> manual or absent) carrying a <c>/incident</c> command of at most
    /// <see cref="AdaptiveCardLimits.MaxCommandLength"/> characters whose verb is the action's verb are accepted;
    /// named input must be present, non-blank and at most <see cref="AdaptiveCardLimits.MaxInputLength"/> characters.
    /// Anything else is a failure whose message says what was wrong. Never throws on input.
    /// </summary>
    public static TeamsCardActionParse Parse(JsonNode? value)
    {
        if (value is not JsonObject v) return TeamsCardActionParse.BadRequest("The invoke has no value object.");
        if (v["action"] is not JsonObject action) return TeamsCardActionParse.BadRequest("The invoke value has no action.");
        var type = Str(action["type"]);
        if (type != "Action.Execute")
            return TeamsCardActionParse.NotSupported($"Only Action.Execute is supported, not '{TeamsText.Clip(TeamsText.SingleLine(type ?? "(none)"), 40)}'.");
        if (v["trigger"] is { } trigger && Str(trigger) != "manual")
            return TeamsCardActionParse.NotSupported("Only clicks are supported (trigger 'manual'), not automatic refresh.");
        if (Str(action["verb"]) is not { Length: > 0 } verb) return TeamsCardActionParse.BadRequest("The action has no verb.");
        if (action["data"] is not JsonObject data) return TeamsCardActionParse.BadRequest("The action has no data.");

        if (Str(data[CommandKey]) is not { } raw) return TeamsCardActionParse.BadRequest("The action's data has no command.");
        var command = raw.Trim();
        if (command.Length > AdaptiveCardLimits.MaxCommandLength)
            return TeamsCardActionParse.BadRequest($"The command is longer than {AdaptiveCardLimits.MaxCommandLength} characters.");
        if (!IsPrintable(command)) return TeamsCardActionParse.BadRequest("The command contains control characters.");
        if (VerbOf(command) is not { } commandVerb) return TeamsCardActionParse.BadRequest("A card can only send /incident commands.");
        if (!commandVerb.Equals(verb, StringComparison.OrdinalIgnoreCase))
            return TeamsCardActionParse.BadRequest("The action's verb does not match its command.");

        string? key = null;
        if (data[CardKeyKey] is { } keyNode)
        {
            key = Str(keyNode);
            if (key is null || key.Length is 0 or > AdaptiveCardLimits.MaxCardKeyLength || !IsPrintable(key))
                return TeamsCardActionParse.BadRequest("The action's card key is not valid.");
        }

        string? input = null;
        if (data[InputKey] is { } inputNode)
        {
            if (Str(inputNode) is not { } inputId || !InputIdPattern().IsMatch(inputId) || inputId is CommandKey or CardKeyKey or InputKey)
                return TeamsCardActionParse.BadRequest("The action names no valid input.");
            input = TeamsText.SingleLine(Str(data[inputId]) ?? "");
            if (input.Length == 0) return TeamsCardActionParse.BadRequest("Please type something: the command needs it.");
            if (input.Length > AdaptiveCardLimits.MaxInputLength)
                return TeamsCardActionParse.BadRequest($"Please keep it under {AdaptiveCardLimits.MaxInputLength} characters.");
        }
        return TeamsCardActionParse.Success(new TeamsCardAction(input is null ? command : command + " " + input, commandVerb, key, input));
    }

    /// <summary>
    /// An identity for this click as the engine's delivery id: the same person clicking the same button of the same
    /// card version (with the same text) twice is one delivery. Null when the card had no key: without one two
    /// versions of a card could not be told apart.
    /// </summary>
    public string? DeliveryId(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (CardKey is null) return null;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CommandLine)))[..16];
        return $"teams:card:{userId}:{CardKey}:{hash}";
    }

    /// <summary>The lower-case verb of a <c>/incident &lt;verb&gt; …</c> command line, or null when it is not one.</summary>
    public static string? VerbOf(string? command)
    {
        if (command is null) return null;
        var m = CommandPattern().Match(command);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>True when <paramref name="text"/> has no control character (line breaks included), no bidirectional
    /// override and no lone surrogate: it shows and travels exactly as it is.</summary>
    internal static bool IsPrintable(string text) => !text.Any(char.IsControl) && TeamsText.Clean(text) == text;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"^/incident +([A-Za-z][A-Za-z0-9-]{0,31})(?: |$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CommandPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex InputIdPattern();
}
