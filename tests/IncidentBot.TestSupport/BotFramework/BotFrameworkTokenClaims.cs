namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// The payload of a minted Bot Framework token. <see cref="For"/> gives a token the connector could have sent
/// (issuer <c>https://api.botframework.com</c>, valid from a minute ago for an hour, a Teams <c>serviceurl</c>);
/// change one thing with <c>with</c> for a negative test.
/// </summary>
public sealed record BotFrameworkTokenClaims
{
    /// <summary>The connector's issuer (PROTOCOLS.md §8), spelled out independently of the code under test.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The <c>serviceUrl</c> of the docs' Teams activity fixtures.</summary>
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/amer/";

    /// <summary><c>aud</c>: the bot's Microsoft App ID.</summary>
    public required string Audience { get; init; }

    /// <summary><c>nbf</c>, as Unix seconds; null leaves the claim out.</summary>
    public required DateTimeOffset? NotBefore { get; init; }

    /// <summary><c>exp</c>, as Unix seconds; null leaves the claim out.</summary>
    public required DateTimeOffset? Expires { get; init; }

    /// <summary><c>iss</c>. Default <see cref="BotFrameworkIssuer"/>.</summary>
    public string Issuer { get; init; } = BotFrameworkIssuer;

    /// <summary>The <c>serviceurl</c> claim; null leaves it out. Default <see cref="DefaultServiceUrl"/>.</summary>
    public string? ServiceUrl { get; init; } = DefaultServiceUrl;

    /// <summary>A good token's claims for <paramref name="audience"/> at <paramref name="now"/>.</summary>
    public static BotFrameworkTokenClaims For(string audience, DateTimeOffset now) =>
        new() { Audience = audience, NotBefore = now.AddMinutes(-1), Expires = now.AddHours(1) };
}
