using IncidentBot.Teams.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IncidentBot.Teams.Authentication;

/// <summary>
/// Decides whether an inbound request really comes from the Bot Framework connector (PROTOCOLS.md §8, the checks of
/// botbuilder's <c>ChannelValidation</c>), in two steps:
/// <list type="number">
/// <item><see cref="AuthenticateAsync"/>, before anything is parsed: the <c>Authorization</c> header is exactly
/// <c>Bearer &lt;JWT&gt;</c>; the JWT is RS256 only, signed by a key of the Bot Framework's OpenID metadata
/// (<see cref="TeamsOptions.OpenIdMetadataUrl"/>), issued by <see cref="TeamsOptions.BotFrameworkIssuer"/> for
/// <see cref="TeamsOptions.AppId"/>, and within its lifetime give or take <see cref="ClockSkew"/>;</item>
/// <item><see cref="CheckActivity"/>, after the activity is parsed: its <c>channelId</c> is endorsed by the signing
/// key and its <c>serviceUrl</c> equals the token's <c>serviceurl</c> claim.</item>
/// </list>
/// Any refusal should be answered 401 by the endpoint; each is logged here once with its reason (never the token), so
/// the endpoint need not log it again. Without keys (metadata unreachable, not https, malformed) every token is
/// refused with "signing keys unavailable". Register as a singleton: the keys are cached in the instance.
/// </summary>
public sealed partial class BotFrameworkAuthenticator
{
    /// <summary>Name of the <see cref="HttpClient"/> (from <see cref="IHttpClientFactory"/>) that fetches the OpenID
    /// metadata and keys.</summary>
    public const string HttpClientName = "IncidentBot.Teams.BotFrameworkKeys";

    /// <summary>Tolerated difference between our clock and the token's <c>nbf</c>/<c>exp</c> (the SDK's 5 minutes).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Reason given when no signing keys can be had.</summary>
    public const string KeysUnavailableReason = "signing keys unavailable";

    private const string Scheme = "Bearer";
    private const int MaxTokenLength = 16 * 1024;
    private const int MaxChannelIdShown = 40;

    private readonly string? appId;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SigningKeyCache keys;
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>Creates the authenticator from the Teams options (<see cref="TeamsOptions.AppId"/>,
    /// <see cref="TeamsOptions.OpenIdMetadataUrl"/>, <see cref="TeamsOptions.CallTimeout"/> per key fetch).</summary>
    public BotFrameworkAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<BotFrameworkAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var teams = options.Value;
        ArgumentNullException.ThrowIfNull(teams.OpenIdMetadataUrl);
        appId = string.IsNullOrWhiteSpace(teams.AppId) ? null : teams.AppId.Trim();
        this.time = time;
        this.logger = logger;
        keys = new SigningKeyCache(new OpenIdKeySource(httpClientFactory, teams.OpenIdMetadataUrl, teams.CallTimeout, logger), time, logger);
    }

    /// <summary>Step 1: checks the <c>Authorization</c> header as received (several values are refused). Fetches the
    /// signing keys when needed, so the first call may wait up to <see cref="TeamsOptions.CallTimeout"/>. Never throws
    /// for a bad token; throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is
    /// cancelled.</summary>
    public async Task<BotFrameworkTokenCheck> AuthenticateAsync(StringValues authorization, CancellationToken cancellationToken)
    {
        var check = await CheckTokenAsync(authorization, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid) BotFrameworkAuthLog.TokenRefused(logger, check.Reason);
        return check;
    }

    /// <summary>Step 2: checks the parsed activity's <c>channelId</c> and <c>serviceUrl</c> against the token of
    /// step 1. A missing <c>channelId</c> or <c>serviceUrl</c>, on either side, is refused.</summary>
    public BotFrameworkActivityCheck CheckActivity(BotFrameworkTokenCheck token, string? channelId, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(token);
        var check = Compare(token, channelId, serviceUrl);
        if (!check.IsValid) BotFrameworkAuthLog.ActivityRefused(logger, check.Reason);
        return check;
    }

    private static BotFrameworkActivityCheck Compare(BotFrameworkTokenCheck token, string? channelId, string? serviceUrl)
    {
        if (!token.IsValid) return BotFrameworkActivityCheck.Fail("the token was refused");
        if (string.IsNullOrEmpty(channelId)) return BotFrameworkActivityCheck.Fail("the activity has no channelId");
        if (!token.Endorsements.Contains(channelId, StringComparer.Ordinal))
            return BotFrameworkActivityCheck.Fail($"the signing key is not endorsed for channel '{Shorten(channelId)}'");
        if (string.IsNullOrEmpty(token.ServiceUrl)) return BotFrameworkActivityCheck.Fail("the token has no serviceurl claim");
        if (string.IsNullOrEmpty(serviceUrl)) return BotFrameworkActivityCheck.Fail("the activity has no serviceUrl");
        return string.Equals(token.ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase)
            ? BotFrameworkActivityCheck.Valid
            : BotFrameworkActivityCheck.Fail("the activity's serviceUrl differs from the token's serviceurl claim");
    }

    private static string Shorten(string text) => text.Length <= MaxChannelIdShown ? text : text[..MaxChannelIdShown] + "…";
}
