namespace IncidentBot.Teams.Authentication;

/// <summary>
/// The outcome of step 1 of authenticating a Bot Framework request: the <c>Authorization</c> header's token checked on
/// its own (scheme, RS256 signature by a published key, issuer, audience, lifetime). Step 2,
/// <see cref="BotFrameworkAuthenticator.CheckActivity"/>, then compares it with the parsed activity.
/// </summary>
/// <remarks>Never carries the token itself; <see cref="Reason"/> is safe to log.</remarks>
public sealed record BotFrameworkTokenCheck
{
    private BotFrameworkTokenCheck(bool isValid, string reason, string? serviceUrl, IReadOnlyList<string> endorsements, string? keyId)
    {
        IsValid = isValid;
        Reason = reason;
        ServiceUrl = serviceUrl;
        Endorsements = endorsements;
        KeyId = keyId;
    }

    /// <summary>True when the token passed every check of step 1.</summary>
    public bool IsValid { get; }

    /// <summary>Why the token was refused (short, for the log), or <c>ok</c>.</summary>
    public string Reason { get; }

    /// <summary>The token's <c>serviceurl</c> claim; null when refused or when the token has none (step 2 refuses that).</summary>
    public string? ServiceUrl { get; }

    /// <summary>The <c>endorsements</c> (channel ids) of the key that verified the signature; empty when refused.</summary>
    public IReadOnlyList<string> Endorsements { get; }

    /// <summary>The id (<c>kid</c>) of the key that verified the signature; null when refused.</summary>
    public string? KeyId { get; }

    /// <summary>A token that passed step 1.</summary>
    public static BotFrameworkTokenCheck Valid(string? serviceUrl, IReadOnlyList<string> endorsements, string keyId)
    {
        ArgumentNullException.ThrowIfNull(endorsements);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return new(true, "ok", serviceUrl, endorsements, keyId);
    }

    /// <summary>A refused token.</summary>
    public static BotFrameworkTokenCheck Fail(string reason) => new(false, reason, null, [], null);
}
