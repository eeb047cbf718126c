namespace IncidentBot.Core.Outbox;

/// <summary>Payload of a <see cref="JobKind.Timer"/> job. <paramref name="Kind"/>: <c>approval-reminder</c>, <c>approval-escalation</c>,
/// <c>approval-expiry</c>, <c>review-reminder</c>. It fires only if the incident is still where it was when it was set.</summary>
public sealed record TimerJob(string IncidentId, string Kind, int Attempt);

/// <summary>Payload of a <see cref="JobKind.Execute"/> job, and of a <see cref="JobKind.Verify"/> poll.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Attempt">The containment attempt the job is for; a job for another attempt does nothing.</param>
/// <param name="ScheduledAtSeq">For a poll: the sequence number of the commit that scheduled it (0: not recorded). Its
/// report's delivery id derives from it, so a poll re-run after a crash (reported, not yet marked done) is a duplicate,
/// not a second pass and a second poll chain.</param>
public sealed record ExecuteJob(string IncidentId, int Attempt, long ScheduledAtSeq = 0);
