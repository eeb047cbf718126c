using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IncidentBot.TestSupport.BotFramework;

public sealed partial class ConnectorStandIn
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int Status, string Error)> tokenFaults = new();
    private readonly List<string> issuedInOrder = [];
    private TimeSpan tokenLifetime;
    private int tokenRequests;
    private volatile bool refuseCredentials;
    private volatile TokenEndpointStandInGate? tokenGate;

    /// <summary>Token requests received (answered or not).</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>Every token issued, oldest first (for asserting none leaks).</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get { lock (issuedInOrder) return issuedInOrder.ToList(); }
    }

    /// <summary><c>expires_in</c> of tokens issued from now on (whole seconds).</summary>
    public TimeSpan TokenLifetime
    {
        get => tokenLifetime;
        set => tokenLifetime = value;
    }

    /// <summary>When true, every token request is refused with 401 <c>invalid_client</c>, as for a wrong secret.</summary>
    public bool RefuseCredentials
    {
        get => refuseCredentials;
        set => refuseCredentials = value;
    }

    /// <summary>Answers the next token request with <paramref name="status"/> and OAuth <c>error</c> <paramref name="error"/>.</summary>
    public void FailNextToken(int status, string error = "temporarily_unavailable") => tokenFaults.Enqueue((status, error));

    /// <summary>Every token issued so far stops being accepted by the connector (401), as after a credential rotation.</summary>
    public void RevokeIssuedTokens()
    {
        foreach (var token in issued.Keys) issued[token] = DateTimeOffset.MinValue;
    }

    /// <summary>Holds token requests until the returned gate is released.</summary>
    public TokenEndpointStandInGate HoldTokenRequests() => tokenGate = new TokenEndpointStandInGate();

    private static bool IsTokenPath(string rawPath) => rawPath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal);

    private bool IsValidToken(string? authorization)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.Ordinal)) return false;
        return issued.TryGetValue(authorization[Bearer.Length..], out var expires) && options.Time.GetUtcNow() < expires;
    }

    private async Task<(int Status, JsonObject Body, int? RetryAfter)> IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref tokenRequests);
        if (tokenGate is { } held) await held.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        if (tokenFaults.TryDequeue(out var fault)) return (fault.Status, OAuthError(fault.Error), null);
        if (!context.Request.HasFormContentType) return (400, OAuthError("invalid_request"), null);
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"] != "client_credentials") return (400, OAuthError("unsupported_grant_type"), null);
        if (form["scope"] != Scope) return (400, OAuthError("invalid_scope"), null);
        if (refuseCredentials || form["client_id"] != options.AppId || form["client_secret"] != options.AppPassword)
            return (401, OAuthError("invalid_client"), null);

        var token = "standin." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var lifetime = tokenLifetime;
        issued[token] = options.Time.GetUtcNow() + lifetime;
        lock (issuedInOrder) issuedInOrder.Add(token);
        var seconds = (long)lifetime.TotalSeconds;
        return (200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token,
        }, null);
    }

    // Entra ID's shape; the description deliberately quotes nothing the client sent.
    private static JsonObject OAuthError(string error) => new()
    {
        ["error"] = error,
        ["error_description"] = "AADSTS-STANDIN: " + error,
    };
}
