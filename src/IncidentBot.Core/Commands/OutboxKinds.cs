namespace IncidentBot.Core.Commands;

/// <summary>Kinds and targets of the outbox rows the engine writes.</summary>
public static class OutboxKinds
{
    /// <summary>A job the bot runs (target says which).</summary>
    public const string Job = "job";
    /// <summary>A message to post to an incident's conversation (target = surface).</summary>
    public const string Notify = "notify";
    /// <summary>Job target: execute the current containment. Payload <see cref="ExecuteJob"/>.</summary>
    public const string Execute = "execute";
}

/// <summary>Job target: poll the current containment's automatic checks. Payload <see cref="ExecuteJob"/> (incident, attempt).</summary>
public static class JobTargets
{
    /// <summary>Poll verification checks.</summary>
    public const string Verify = "verify";
    /// <summary>A timer (approval reminder, escalation, expiry; review reminder). Payload <see cref="TimerJob"/>.</summary>
    public const string Timer = "timer";
}

/// <summary>Payload of a timer job. <paramref name="Kind"/>: <c>approval-reminder</c>, <c>approval-escalation</c>,
/// <c>approval-expiry</c>, <c>review-reminder</c>. It fires only if the incident is still where it was when it was set.</summary>
public sealed record TimerJob(string IncidentId, string Kind, int Attempt);

/// <summary>Payload of an <see cref="OutboxKinds.Execute"/> job, and of a <see cref="JobTargets.Verify"/> poll.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Attempt">The containment attempt the job is for; a job for another attempt does nothing.</param>
/// <param name="ScheduledAtSeq">For a poll: the sequence number of the commit that scheduled it (0: not recorded). Its
/// report's delivery id derives from it, so a poll re-run after a crash (reported, not yet marked done) is a duplicate,
/// not a second pass and a second poll chain.</param>
public sealed record ExecuteJob(string IncidentId, int Attempt, long ScheduledAtSeq = 0);

/// <summary>Payload of a <see cref="OutboxKinds.Notify"/> row: a card for the incident's conversation.</summary>
/// <param name="IncidentId">The incident; empty for a declaration, whose id is the outbox row's stream.</param>
/// <param name="Conversation">Where the incident was declared on its surface (a channel), if known.</param>
/// <param name="Card">What to post; null for a declaration: the surface posts the incident's current card
/// (<see cref="IncidentEngine.CardAsync"/>) as the thread root.</param>
/// <param name="UpdateInPlace">The surface's reference to the message whose button caused this (see
/// <see cref="CommandEnvelope.ReplyTo"/>), to be updated in place; null when the command was typed.</param>
public sealed record Notification(string IncidentId, string? Conversation, Messages.Card? Card, string? UpdateInPlace = null);
