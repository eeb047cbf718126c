namespace IncidentBot.Core.Outbox;

/// <summary>What a job does, and the payload type it carries. Stored as the outbox item's target.</summary>
public sealed record JobKind
{
    private JobKind(string name, Type payloadType) => (Name, PayloadType) = (name, payloadType);

    /// <summary>Execute the current containment. Payload <see cref="ExecuteJob"/>.</summary>
    public static JobKind Execute { get; } = new("execute", typeof(ExecuteJob));

    /// <summary>Poll the current containment's automatic checks. Payload <see cref="ExecuteJob"/>.</summary>
    public static JobKind Verify { get; } = new("verify", typeof(ExecuteJob));

    /// <summary>A durable timer (approval reminder, escalation, expiry; review reminder). Payload <see cref="TimerJob"/>.</summary>
    public static JobKind Timer { get; } = new("timer", typeof(TimerJob));

    /// <summary>Every job kind.</summary>
    public static IReadOnlyList<JobKind> All { get; } = [Execute, Verify, Timer];

    /// <summary>The stored name (the outbox item's target).</summary>
    public string Name { get; }

    /// <summary>The payload record the item's JSON holds.</summary>
    public Type PayloadType { get; }

    /// <summary>The kind stored as <paramref name="name"/>, or null.</summary>
    public static JobKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
