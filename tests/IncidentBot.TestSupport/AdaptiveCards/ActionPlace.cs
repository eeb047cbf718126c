namespace IncidentBot.TestSupport.AdaptiveCards;

/// <summary>Where an action sits in a card.</summary>
internal enum ActionPlace
{
    /// <summary>In an ActionSet or a card's <c>actions</c>: a button.</summary>
    Button,
    /// <summary>An element's <c>selectAction</c>.</summary>
    Select,
    /// <summary>An input's <c>inlineAction</c>.</summary>
    Inline,
}
