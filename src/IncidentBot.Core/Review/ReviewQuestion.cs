using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Review;

/// <summary>A review question (1-based, as pinned when the review started) and its latest answer, if any.</summary>
public sealed record ReviewQuestion(int Number, string Question, ReviewAnswer? Answer);

/// <summary>What the runbook's <c>review.required</c> asks before close at <paramref name="Severity"/>, and what is
/// still missing (empty when the incident may close): learnings, follow-ups with an owner, and <paramref name="Answers"/>
/// of the <paramref name="Questions"/> review questions answered.</summary>
public sealed record ReviewCloseRequirement(Severity Severity, int Learnings, int FollowUpsWithOwner, IReadOnlyList<string> Missing,
    int Answers = 0, int Questions = 0);

/// <summary>One evidence event as a sentence (<see cref="Export.TimelineText"/>), with its hash.</summary>
public sealed record ReviewTimelineEntry(long Seq, DateTimeOffset AtUtc, string Actor, string Surface, string Type, string Text, string Hash);

/// <summary>The evidence behind the review: the seal (when the store keeps checkpoints), the chain head and the count.</summary>
public sealed record ReviewSeal(string? Seal, string ChainHead, int Events);
