namespace IncidentBot.Teams.Configuration;

/// <summary>
/// The Teams bot (an Azure Bot / Bot Framework registration). Section <c>Teams</c>. Teams is on only when both
/// <see cref="AppId"/> and <see cref="AppPassword"/> are set; one without the other stops the bot at start-up.
/// The password belongs in the environment (<c>Teams__AppPassword</c>) or user secrets, never in a committed file.
/// </summary>
public sealed class TeamsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Teams";

    /// <summary>The Bot Framework's public OpenID metadata document (inbound tokens are checked against its keys).</summary>
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of every token the Bot Framework connector sends to a bot.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>Scope of the bot's own token for calling the connector.</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>The Microsoft App ID of the bot (a GUID). Inbound tokens must have it as audience. No default.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the client-credentials token. Environment only. No default.</summary>
    public string? AppPassword { get; set; }

    /// <summary>For single-tenant apps, the Entra tenant id: the token endpoint becomes that tenant's. Default none (multi-tenant).</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the signing keys are described. Default <see cref="BotFrameworkOpenIdMetadataUrl"/>. Must be https,
    /// except on loopback addresses (127.0.0.0/8, ::1), which tests use over plain http.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new(BotFrameworkOpenIdMetadataUrl);

    /// <summary>The OAuth 2.0 token endpoint for the client-credentials flow. Default: the Bot Framework tenant's v2.0
    /// endpoint, or <see cref="TenantId"/>'s when that is set. Must be https except on loopback.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Time limit of each connector or token call (one attempt). Default 10 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a connector call inside one delivery attempt (429, 412, 5xx, timeouts). Default 2; a longer
    /// wait goes back to the outbox instead of holding the worker.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Longest <c>Retry-After</c> waited for in place; longer ones go back to the outbox. Default 5 s.</summary>
    public TimeSpan MaxInPlaceRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when both the app id and the password are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    /// <summary>The token endpoint to use: <see cref="TokenEndpoint"/>, else the tenant's or the Bot Framework tenant's.</summary>
    public Uri ResolvedTokenEndpoint => TokenEndpoint
        ?? new Uri($"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId.Trim())}/oauth2/v2.0/token");
}
