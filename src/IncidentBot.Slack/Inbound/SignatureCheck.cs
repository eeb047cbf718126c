namespace IncidentBot.Slack.Inbound;

/// <summary>The outcome of checking a request's Slack signature.</summary>
/// <param name="IsValid">True when the request is Slack's and fresh.</param>
/// <param name="Reason">Why it was refused (for the log; never contains the secret or the signature), or <c>ok</c>.</param>
public readonly record struct SignatureCheck(bool IsValid, string Reason)
{
    /// <summary>A valid request.</summary>
    public static SignatureCheck Valid { get; } = new(true, "ok");

    /// <summary>A refused request.</summary>
    public static SignatureCheck Fail(string reason) => new(false, reason);
}
