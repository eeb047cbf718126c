namespace IncidentBot.Core.Review;

/// <summary>One decision of the incident: a containment chosen, an approval (before or after the fact), a rejection
/// with its reason, a refusal, a break-glass execution, an approval window that expired.</summary>
/// <param name="AtUtc">When (the event's time).</param>
/// <param name="By">Who (<c>system</c> for an expiry).</param>
/// <param name="Kind"><c>chose</c>, <c>break-glass</c>, <c>approved</c>, <c>approved after the fact</c>, <c>rejected</c>,
/// <c>refused</c>, <c>expired</c> or <c>lift</c>.</param>
/// <param name="Text">What was decided, in words (the reason for rejections and refusals).</param>
public sealed record ReviewDecision(DateTimeOffset AtUtc, string By, string Kind, string Text);

/// <summary>What a containment moved: a layer from one version to another.</summary>
public sealed record ReviewMove(int Attempt, string OptionId, string Layer, string From, string To);
