namespace IncidentBot.Teams.Authentication;

/// <summary>The outcome of step 2 of authenticating a Bot Framework request: the activity checked against its token.</summary>
/// <param name="IsValid">True when the activity's channel is endorsed by the signing key and its <c>serviceUrl</c> is the token's.</param>
/// <param name="Reason">Why it was refused (short, for the log), or <c>ok</c>.</param>
public readonly record struct BotFrameworkActivityCheck(bool IsValid, string Reason)
{
    /// <summary>An activity that may be handled.</summary>
    public static BotFrameworkActivityCheck Valid { get; } = new(true, "ok");

    /// <summary>A refused activity.</summary>
    public static BotFrameworkActivityCheck Fail(string reason) => new(false, reason);
}
