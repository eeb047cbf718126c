using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// A loopback stand-in for the Bot Framework on <c>http://127.0.0.1:{free port}</c>, playing both sides a bot talks to:
/// <list type="bullet">
/// <item>the token endpoint (<see cref="TokenEndpoint"/>, <c>POST /{tenant}/oauth2/v2.0/token</c>): checks the
/// client-credentials form (grant type, client id and secret, scope) and issues opaque tokens that expire after
/// <see cref="TokenLifetime"/>;</item>
/// <item>the connector (<see cref="ServiceUrl"/>, <c>/teams/</c>): <c>POST /v3/conversations/{id}/activities</c>,
/// <c>POST …/activities/{activityId}</c> and <c>PUT …/activities/{activityId}</c>. Each needs a bearer token it issued
/// (else 401, counted in <see cref="RefusedCalls"/>) and a JSON activity with a <c>type</c>; accepted calls land in
/// <see cref="Transcript"/> and are answered <c>{"id":…}</c> like the real connector.</item>
/// </list>
/// Upcoming calls can be scripted to fail (<see cref="FailNext"/>, <see cref="StallNext"/>, <see cref="FailNextToken"/>).
/// Every request, accepted or not, is listed in <see cref="Requests"/> with its raw path and the status returned.
/// </summary>
public sealed partial class ConnectorStandIn : IAsyncDisposable
{
    /// <summary>The tenant segment of <see cref="TokenEndpoint"/> (the Bot Framework's multi-tenant one).</summary>
    public const string Tenant = "botframework.com";

    /// <summary>The scope the token endpoint insists on.</summary>
    public const string Scope = "https://api.botframework.com/.default";

    private readonly WebApplication app;
    private readonly ConnectorStandInOptions options;
    private readonly ConcurrentQueue<ConnectorStandInRequest> requests = new();

    private ConnectorStandIn(WebApplication app, ConnectorStandInOptions options) => (this.app, this.options) = (app, options);

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The token endpoint: <c>{BaseAddress}botframework.com/oauth2/v2.0/token</c>. Any tenant segment works.</summary>
    public Uri TokenEndpoint => new(BaseAddress, Tenant + "/oauth2/v2.0/token");

    /// <summary>The connector's service URL, with its trailing slash: <c>{BaseAddress}teams/</c>.</summary>
    public Uri ServiceUrl => new(BaseAddress, "teams/");

    /// <summary>The client id the token endpoint accepts.</summary>
    public string AppId => options.AppId;

    /// <summary>The client secret the token endpoint accepts.</summary>
    public string AppPassword => options.AppPassword;

    /// <summary>The connector calls accepted, in order.</summary>
    public ConnectorStandInTranscript Transcript { get; } = new();

    /// <summary>Every request answered (token endpoint and connector), in order, with the status returned.</summary>
    public IReadOnlyList<ConnectorStandInRequest> Requests => requests.ToList();

    /// <summary>Connector requests only (not the token endpoint), in order.</summary>
    public IReadOnlyList<ConnectorStandInRequest> ConnectorRequests => requests.Where(r => !IsTokenPath(r.RawPath)).ToList();

    /// <summary>Starts a stand-in on a free loopback port.</summary>
    public static async Task<ConnectorStandIn> StartAsync(ConnectorStandInOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new ConnectorStandIn(builder.Build(), options ?? new ConnectorStandInOptions());
        standIn.tokenLifetime = standIn.options.TokenLifetime;
        standIn.app.Run(standIn.HandleAsync);
        await standIn.app.StartAsync().ConfigureAwait(false);
        standIn.BaseAddress = new Uri(standIn.app.Urls.First().TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>How many connector responses had <paramref name="status"/>.</summary>
    public int CountOf(int status) => ConnectorRequests.Count(r => r.Status == status);

    /// <summary>Shorthand for <see cref="ConnectorStandInTranscript.WaitForCallsAsync"/>.</summary>
    public Task<IReadOnlyList<ConnectorStandInCall>> WaitForCallsAsync(int count, TimeSpan timeout) => Transcript.WaitForCallsAsync(count, timeout);

    /// <summary>Stops the stand-in.</summary>
    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);

    private void Record(string method, string rawPath, int status) =>
        requests.Enqueue(new ConnectorStandInRequest(method, rawPath, status, options.Time.GetUtcNow()));
}
