namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// The result of <see cref="TeamsCardAction.Parse"/>: the click, or why it was refused. <see cref="ErrorCode"/> is
/// <c>BadRequest</c> (malformed or invalid) or <c>NotSupported</c> (another action type or an automatic refresh);
/// <see cref="TeamsInvokeResponse.Error(TeamsCardActionParse)"/> turns a failure into the 400 invoke response.
/// </summary>
/// <param name="Action">The click, when it was read.</param>
/// <param name="ErrorCode">Null on success, else <c>BadRequest</c> or <c>NotSupported</c>.</param>
/// <param name="Error">Null on success, else a sentence a person can read.</param>
public sealed record TeamsCardActionParse(TeamsCardAction? Action, string? ErrorCode, string? Error)
{
    /// <summary>True when a click was read.</summary>
    public bool Ok => Action is not null;

    internal static TeamsCardActionParse Success(TeamsCardAction action) => new(action, null, null);

    internal static TeamsCardActionParse BadRequest(string error) => new(null, "BadRequest", error);

    internal static TeamsCardActionParse NotSupported(string error) => new(null, "NotSupported", error);
}
