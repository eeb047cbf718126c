namespace IncidentBot.Teams.Connector;

/// <summary>
/// What the retry decision needs to know about one connector call, shared between the call and the pipeline through
/// <see cref="TeamsResilience.AttemptKey"/>: whether the call may be repeated after an unknown outcome, and whether
/// the current attempt had handed its request to the network before it failed.
/// </summary>
internal sealed class ConnectorAttempt(bool idempotent)
{
    /// <summary>True for calls that change nothing when repeated (PUT of the same activity).</summary>
    public bool Idempotent { get; } = idempotent;

    /// <summary>True once the current attempt handed its request to <see cref="HttpClient"/>.</summary>
    public bool Sent { get; set; }

    /// <summary>The token the current attempt sent, to drop exactly that one on a 401.</summary>
    public string? Token { get; set; }

    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"idempotent {Idempotent}, sent {Sent}";
}
