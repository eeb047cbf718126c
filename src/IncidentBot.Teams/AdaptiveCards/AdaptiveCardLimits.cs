namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// The Adaptive Cards facts and the bounds <see cref="AdaptiveCardRenderer"/> keeps to. Teams renders Adaptive Cards up
/// to schema 1.5 and refuses a message larger than about 28 KB, so every card stays well under that with room left for
/// the activity around it.
/// </summary>
public static class AdaptiveCardLimits
{
    /// <summary>Schema version of every card (Teams' ceiling; <c>Action.Execute</c> needs at least 1.4).</summary>
    public const string Version = "1.5";

    /// <summary>The <c>$schema</c> of every card.</summary>
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Content type of an Adaptive Card attachment and of a card invoke response.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Actions in one <c>ActionSet</c>; more buttons make more sets.</summary>
    public const int MaxActionsPerSet = 6;

    /// <summary>Teams' message size ceiling: 28 KB.</summary>
    public const int MaxMessageBytes = 28 * 1024;

    /// <summary>Most a rendered card may take, serialized with the default (ASCII-escaping) JSON encoder, which is the
    /// largest form any sender produces. 2 KB below <see cref="MaxMessageBytes"/> leaves room for the activity.</summary>
    public const int CardBudgetBytes = 26 * 1024;

    /// <summary>Card title, in characters.</summary>
    public const int MaxTitle = 200;

    /// <summary>Card text before the size budget is applied, in characters.</summary>
    public const int MaxText = 20_000;

    /// <summary>A field's label.</summary>
    public const int MaxFieldLabel = 100;

    /// <summary>A field's value.</summary>
    public const int MaxFieldValue = 1000;

    /// <summary>The small print under the card.</summary>
    public const int MaxContext = 500;

    /// <summary>A button's title.</summary>
    public const int MaxButtonLabel = 80;

    /// <summary>A confirmation's title.</summary>
    public const int MaxConfirmTitle = 150;

    /// <summary>A confirmation's text (the consequence).</summary>
    public const int MaxConfirmText = 1000;

    /// <summary>The label of the text input a button asks for.</summary>
    public const int MaxPrompt = 200;

    /// <summary>Text a person may type into a button's input (<c>Input.Text.maxLength</c>); longer input is refused.</summary>
    public const int MaxInputLength = 2000;

    /// <summary>A button's command line; a button with a longer command is left out (a cut command would do something else).</summary>
    public const int MaxCommandLength = 1000;

    /// <summary>A card key (<c>INC-7@12</c>) in a button's data.</summary>
    public const int MaxCardKeyLength = 200;
}
