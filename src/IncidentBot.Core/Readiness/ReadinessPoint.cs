namespace IncidentBot.Core.Readiness;

/// <summary>One of the seven readiness points of one service.</summary>
/// <param name="Number">1 to 7, as <see cref="ReadinessPoints"/> numbers them.</param>
/// <param name="Name">The point's name, e.g. <c>Approved baseline</c>.</param>
/// <param name="Verdict">Pass, warn or fail.</param>
/// <param name="Facts">What was found, one line each (the facts behind the verdict).</param>
/// <param name="Actions">What to do about each warning or failure, one line each; empty when it passes.</param>
public sealed record ReadinessPoint(int Number, string Name, ReadinessVerdict Verdict, IReadOnlyList<string> Facts, IReadOnlyList<string> Actions);
