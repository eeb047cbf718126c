namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// A scripted answer for an upcoming connector call that carries a valid token. With <see cref="Stall"/> set, the
/// call is accepted and recorded, and the answer is held that long (a timeout after posting); otherwise the call is
/// refused with <see cref="Status"/>, an optional <c>Retry-After</c> (seconds) and a Bot Framework
/// <c>ErrorResponse</c> carrying <see cref="ErrorCode"/>.
/// </summary>
public sealed record ConnectorStandInFault(int Status, int? RetryAfterSeconds = null, string? ErrorCode = null, TimeSpan? Stall = null)
{
    /// <summary>The <c>error.code</c> sent: <see cref="ErrorCode"/>, else one usual for the status.</summary>
    public string Code => ErrorCode ?? Status switch
    {
        400 => "BadArgument",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        412 => "PreconditionFailed",
        413 => "MessageSizeTooBig",
        429 => "Throttled",
        _ => "ServiceError",
    };
}
