namespace IncidentBot.Core.Messages;

/// <summary>
/// A surface-neutral message: what the bot wants to say, not how a surface draws it. All text is plain text as
/// people typed it; each surface's renderer escapes it for its own format (Slack mrkdwn, HTML, Adaptive Cards).
/// </summary>
/// <param name="Title">Headline.</param>
/// <param name="Text">Body text, may be empty.</param>
/// <param name="Fields">Label/value pairs shown as a compact grid.</param>
/// <param name="Buttons">Actions; built from the triggers the incident permits right now.</param>
/// <param name="Context">Small print under the card (who, when, runbook version).</param>
/// <param name="Tone">Colour/emphasis hint.</param>
/// <param name="IncidentId">The incident this card is about, if any.</param>
/// <param name="Key">Identity of this rendering (<c>INC-7@12</c>: incident and version). Surfaces derive button
/// delivery ids from it, so clicking the same button of the same card twice applies once.</param>
public sealed record Card(
    string Title,
    string Text,
    IReadOnlyList<CardField> Fields,
    IReadOnlyList<CardButton> Buttons,
    string Context,
    CardTone Tone = CardTone.Info,
    string? IncidentId = null,
    string? Key = null);

/// <summary>A label and its value.</summary>
public sealed record CardField(string Label, string Value);

/// <summary>
/// A button. Clicking it submits <paramref name="Command"/> (a full <c>/incident …</c> command line) as the person
/// who clicked. When <paramref name="InputPrompt"/> is set the surface first asks for text (a reason, a note) and
/// appends it to the command.
/// </summary>
public sealed record CardButton(
    string Label,
    string Command,
    ButtonStyle Style = ButtonStyle.Default,
    ConfirmDialog? Confirm = null,
    string? InputPrompt = null);

/// <summary>A confirmation that states the consequence of a risky button before it is sent.</summary>
public sealed record ConfirmDialog(string Title, string Text, string ConfirmLabel = "Yes, do it", string DenyLabel = "Cancel");

/// <summary>Button emphasis. Surfaces that support only some styles map the rest to <see cref="Default"/>.</summary>
public enum ButtonStyle
{
    /// <summary>Neutral.</summary>
    Default,
    /// <summary>The expected next step.</summary>
    Primary,
    /// <summary>Destructive or risky.</summary>
    Danger,
}

/// <summary>Overall tone of a card.</summary>
public enum CardTone
{
    /// <summary>Neutral information.</summary>
    Info,
    /// <summary>Something went well.</summary>
    Success,
    /// <summary>Needs attention (a refusal, a pending approval).</summary>
    Warning,
    /// <summary>Something failed.</summary>
    Danger,
}
