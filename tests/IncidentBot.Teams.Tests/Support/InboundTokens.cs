using System.Collections.Concurrent;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>
/// Mints the bearer tokens the Bot Framework connector would send to the bot (RS256, signed with the msteams-endorsed
/// key of <paramref name="keys"/>, audience <paramref name="appId"/>, <c>serviceurl</c> = the connector stand-in), and
/// remembers every token it made, good or forged, so a test can prove none of them leaked.
/// </summary>
internal sealed class InboundTokens(BotFrameworkKeySet keys, string appId, Uri serviceUrl)
{
    private readonly ConcurrentQueue<string> minted = new();

    public BotFrameworkKeySet Keys => keys;

    public string AppId => appId;

    /// <summary>Every token made so far.</summary>
    public IReadOnlyList<string> Minted => [.. minted];

    /// <summary>The claims of a good token now: valid from a minute ago for an hour, for the stand-in's service URL.</summary>
    public BotFrameworkTokenClaims Claims() => BotFrameworkTokenClaims.For(appId, DateTimeOffset.UtcNow) with { ServiceUrl = serviceUrl.ToString() };

    /// <summary>A token the connector could have sent.</summary>
    public string Good() => Mint(Claims());

    /// <summary>An RS256 token with <paramref name="claims"/>, signed by <paramref name="key"/> (default the Teams key).</summary>
    public string Mint(BotFrameworkTokenClaims claims, BotFrameworkTestKey? key = null) =>
        Remember(BotFrameworkTokenMinter.MintToken(key ?? keys.Teams, claims));

    /// <summary>Keeps a token made elsewhere (a forgery) in <see cref="Minted"/>.</summary>
    public string Remember(string token)
    {
        minted.Enqueue(token);
        return token;
    }
}
