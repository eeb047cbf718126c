using IncidentBot.Teams.Authentication;
using IncidentBot.Teams.Configuration;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>A <see cref="BotFrameworkAuthenticator"/> wired to a loopback <see cref="OpenIdStandIn"/>, a hand-moved
/// clock, a recording HTTP client factory and a recording logger.</summary>
internal sealed class AuthHarness : IAsyncDisposable
{
    public const string AppId = "7a3c1b2e-5d4f-4e6a-9b8c-0d1e2f3a4b5c";
    public const string AppPassword = "not-a-real-app-password-but-long-enough-for-hmac";

    private AuthHarness(BotFrameworkKeySet keys, OpenIdStandIn standIn, TeamsOptions options)
    {
        Keys = keys;
        StandIn = standIn;
        Authenticator = new BotFrameworkAuthenticator(Options.Create(options), Http, Clock, Log);
    }

    public BotFrameworkKeySet Keys { get; }

    public OpenIdStandIn StandIn { get; }

    public AuthTestClock Clock { get; } = new();

    public RecordingHttpClientFactory Http { get; } = new();

    public RecordingLogger<BotFrameworkAuthenticator> Log { get; } = new();

    public BotFrameworkAuthenticator Authenticator { get; }

    /// <summary>Starts the stand-in; <paramref name="configure"/> may change the options (metadata URL is the stand-in's).</summary>
    public static async Task<AuthHarness> StartAsync(Action<TeamsOptions, OpenIdStandIn>? configure = null)
    {
        var keys = new BotFrameworkKeySet();
        var standIn = await OpenIdStandIn.StartAsync(keys);
        var options = new TeamsOptions { AppId = AppId, AppPassword = AppPassword, OpenIdMetadataUrl = standIn.MetadataUrl };
        configure?.Invoke(options, standIn);
        return new AuthHarness(keys, standIn, options);
    }

    /// <summary>Claims of a good token at the clock's now.</summary>
    public BotFrameworkTokenClaims Claims() => BotFrameworkTokenClaims.For(AppId, Clock.GetUtcNow());

    /// <summary>A good token signed by the msteams-endorsed key.</summary>
    public string GoodToken() => BotFrameworkTokenMinter.MintToken(Keys.Teams, Claims());

    /// <summary>Step 1 with <c>Bearer {token}</c>.</summary>
    public Task<BotFrameworkTokenCheck> AuthenticateAsync(string token) =>
        Authenticator.AuthenticateAsync("Bearer " + token, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        Http.Dispose();
        Keys.Dispose();
    }
}
