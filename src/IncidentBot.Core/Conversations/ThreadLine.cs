namespace IncidentBot.Core.Conversations;

/// <summary>One stored event as a thread line (<see cref="ThreadLines"/>).</summary>
/// <param name="Seq">The event's position in its incident's stream.</param>
/// <param name="Text">"who: what", plain text on one line.</param>
public sealed record ThreadLine(long Seq, string Text);
