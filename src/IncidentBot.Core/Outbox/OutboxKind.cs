namespace IncidentBot.Core.Outbox;

/// <summary>The two kinds of outbox work. Stored by <see cref="Name"/>.</summary>
public sealed record OutboxKind
{
    private OutboxKind(string name) => Name = name;

    /// <summary>A job the bot runs itself; the item's target is a <see cref="JobKind"/>.</summary>
    public static OutboxKind Job { get; } = new("job");

    /// <summary>A notification for one conversation of an incident; the item's target is the surface.</summary>
    public static OutboxKind Notify { get; } = new("notify");

    /// <summary>The stored name.</summary>
    public string Name { get; }

    /// <summary>The kind stored as <paramref name="name"/>; throws for anything else.</summary>
    public static OutboxKind Parse(string name) => name switch
    {
        "job" => Job,
        "notify" => Notify,
        _ => throw new FormatException($"Unknown outbox kind '{name}'."),
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
