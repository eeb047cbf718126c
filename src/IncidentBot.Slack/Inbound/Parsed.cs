using System.Diagnostics.CodeAnalysis;

namespace IncidentBot.Slack.Inbound;

/// <summary>A parsed Slack payload, or a clear error saying what was wrong with it.</summary>
public sealed record Parsed<T>(T? Value, string? Error) where T : class
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Value is not null;

    /// <summary>A success.</summary>
    public static Parsed<T> Success(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static Parsed<T> Failure(string error) => new(null, error);
}
