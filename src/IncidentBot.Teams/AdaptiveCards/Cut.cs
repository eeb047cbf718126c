namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>How much of a <see cref="CardLayout"/> to show.</summary>
/// <param name="TextChars">Characters of text.</param>
/// <param name="Facts">Leading facts.</param>
/// <param name="Context">Whether the small print is shown.</param>
/// <param name="Actions">Leading actions.</param>
internal readonly record struct Cut(int TextChars, int Facts, bool Context, int Actions);
