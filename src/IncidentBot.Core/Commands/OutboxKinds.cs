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

/// <summary>Payload of an <see cref="OutboxKinds.Execute"/> job.</summary>
public sealed record ExecuteJob(string IncidentId, int Attempt);

/// <summary>Payload of a <see cref="OutboxKinds.Notify"/> row: a card for the incident's conversation.</summary>
public sealed record Notification(string IncidentId, string? Conversation, Messages.Card Card);
