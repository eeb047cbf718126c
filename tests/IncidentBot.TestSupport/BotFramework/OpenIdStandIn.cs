using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// The Bot Framework's OpenID endpoints on a loopback port (plain http on 127.0.0.1): <see cref="MetadataPath"/>
/// answers the metadata document with a <c>jwks_uri</c> pointing back here, <see cref="KeysPath"/> answers the
/// <see cref="BotFrameworkKeySet"/>'s currently published keys. Counts requests so a test can assert caching and
/// refresh; <see cref="Unavailable"/> and <see cref="JwksUriOverride"/> make it misbehave. Point
/// <c>Teams:OpenIdMetadataUrl</c> at <see cref="MetadataUrl"/>.
/// </summary>
public sealed class OpenIdStandIn : IAsyncDisposable
{
    /// <summary>Path of the metadata document (as on login.botframework.com).</summary>
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";

    /// <summary>Path of the JWKS (as on login.botframework.com).</summary>
    public const string KeysPath = "/v1/.well-known/keys";

    private readonly WebApplication app;
    private readonly BotFrameworkKeySet keys;
    private int metadataRequests;
    private int keysRequests;
    private volatile bool unavailable;
    private volatile Uri? jwksUriOverride;

    private OpenIdStandIn(WebApplication app, BotFrameworkKeySet keys)
    {
        this.app = app;
        this.keys = keys;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The metadata document's URL.</summary>
    public Uri MetadataUrl => new(BaseUrl, MetadataPath);

    /// <summary>The JWKS URL the metadata names (unless <see cref="JwksUriOverride"/> is set).</summary>
    public Uri KeysUrl => new(BaseUrl, KeysPath);

    /// <summary>Requests received for the metadata document, answered or not.</summary>
    public int MetadataRequests => Volatile.Read(ref metadataRequests);

    /// <summary>Requests received for the JWKS, answered or not.</summary>
    public int KeysRequests => Volatile.Read(ref keysRequests);

    /// <summary>When true both documents answer 503 (the endpoint is down). Default false.</summary>
    public bool Unavailable { get => unavailable; set => unavailable = value; }

    /// <summary>A <c>jwks_uri</c> to announce instead of <see cref="KeysUrl"/> (e.g. a non-loopback http URL).</summary>
    public Uri? JwksUriOverride { get => jwksUriOverride; set => jwksUriOverride = value; }

    /// <summary>Starts the stand-in on a free loopback port, serving <paramref name="keys"/>.</summary>
    public static async Task<OpenIdStandIn> StartAsync(BotFrameworkKeySet keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new OpenIdStandIn(builder.Build(), keys);
        standIn.app.MapGet(MetadataPath, standIn.Metadata);
        standIn.app.MapGet(KeysPath, standIn.Keys);
        await standIn.app.StartAsync(cancellationToken);
        standIn.BaseUrl = new Uri(standIn.app.Urls.First().TrimEnd('/') + "/");
        return standIn;
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref metadataRequests);
        if (unavailable) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        return Results.Json(new JsonObject
        {
            ["issuer"] = BotFrameworkTokenClaims.BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = (jwksUriOverride ?? KeysUrl).ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        });
    }

    private IResult Keys()
    {
        Interlocked.Increment(ref keysRequests);
        return unavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Json(keys.ToJwks());
    }

    /// <summary>Stops the stand-in (the key set stays the caller's).</summary>
    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
