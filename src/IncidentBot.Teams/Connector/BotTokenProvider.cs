using IncidentBot.Teams.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Connector;

/// <summary>
/// The bot's own access token for the connector (OAuth 2.0 client credentials against
/// <see cref="TeamsOptions.ResolvedTokenEndpoint"/>, scope <see cref="TeamsOptions.ConnectorScope"/>). Contract:
/// <list type="bullet">
/// <item>a token is reused until shortly before it expires: 5 minutes early, or at half its lifetime when that is
/// shorter;</item>
/// <item>concurrent callers share one request; a caller that gives up does not cancel it for the others; each request
/// is time-boxed by <see cref="TeamsOptions.CallTimeout"/> and is not retried here (the connector pipeline retries
/// transient failures);</item>
/// <item>the endpoint must be https or loopback http, else the password is not sent (<c>token_endpoint_refused</c>);</item>
/// <item>failures are <see cref="TeamsApiException"/> with operation <c>GetToken</c>: 4xx (bad credentials, bad
/// scope) are not transient, 5xx, 429, timeouts and transport errors are;</item>
/// <item>the password, the token and the response body reach no log and no exception message.</item>
/// </list>
/// </summary>
public sealed partial class BotTokenProvider
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client for the token endpoint.</summary>
    public const string HttpClientName = "teams-token";

    /// <summary>The <see cref="TeamsApiException.Operation"/> of token failures.</summary>
    public const string Operation = "GetToken";

    private static readonly TimeSpan EarlyRefresh = TimeSpan.FromMinutes(5);
    private readonly IHttpClientFactory clients;
    private readonly TeamsOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<BotTokenProvider> logger;
    private readonly Lock gate = new();
    private CachedToken? cached;
    private Task<CachedToken>? pending;

    /// <summary>Creates the provider.</summary>
    public BotTokenProvider(IHttpClientFactory clients, IOptions<TeamsOptions> options, TimeProvider time, ILogger<BotTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (this.clients, this.options, this.time, this.logger) = (clients, options.Value, time, logger);
    }

    /// <summary>A token valid for a while yet: the cached one, or a fresh one (one request for all concurrent callers).</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> fetch;
        lock (gate)
        {
            if (cached is { } token && time.GetUtcNow() < token.RefreshAt) return token.Value;
            if (pending is null || pending.IsCompleted) pending = FetchAsync();
            fetch = pending;
        }
        var fresh = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fresh.Value;
    }

    /// <summary>Forgets <paramref name="token"/> (the connector refused it), unless a newer one replaced it already.</summary>
    public void Invalidate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (gate)
        {
            if (cached is null || !string.Equals(cached.Value, token, StringComparison.Ordinal)) return;
            cached = null;
        }
        TeamsConnectorLog.TokenDropped(logger);
    }

    /// <summary>How long before expiry a token stops being used: 5 minutes, or half the lifetime of a short one.</summary>
    internal static TimeSpan RefreshMargin(TimeSpan lifetime) => lifetime >= EarlyRefresh * 2 ? EarlyRefresh : lifetime / 2;

    private async Task<CachedToken> FetchAsync()
    {
        var requestedAt = time.GetUtcNow();
        var (value, lifetime) = await RequestAsync().ConfigureAwait(false);
        // Counted from when we asked, not when the answer came: errs on the early side.
        var token = new CachedToken(value, requestedAt + lifetime - RefreshMargin(lifetime));
        lock (gate) cached = token;
        TeamsConnectorLog.TokenFetched(logger, lifetime, token.RefreshAt);
        return token;
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt)
    {
        // A record prints its members; this one holds a secret.
        public override string ToString() => $"token used until {RefreshAt:O}";
    }
}
