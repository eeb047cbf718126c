namespace IncidentBot.TestSupport.BotFramework;

/// <summary>How a <see cref="ConnectorStandIn"/> behaves. Defaults suit a bot configured with <see cref="AppId"/> and
/// <see cref="AppPassword"/>.</summary>
public sealed class ConnectorStandInOptions
{
    /// <summary>The client id the token endpoint expects. Default a fixed test GUID.</summary>
    public string AppId { get; init; } = "00000000-0000-0000-0000-00000000b07a";

    /// <summary>The client secret the token endpoint expects. Default a fixed test value.</summary>
    public string AppPassword { get; init; } = "stand-in-app-password-Zq8~";

    /// <summary>Lifetime of issued tokens (<c>expires_in</c>; also enforced by the connector). Default one hour.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The stand-in's clock (receipt times, token expiry). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>When true (default), updating an activity id the stand-in never assigned answers 404 <c>NotFound</c>,
    /// as the connector does for a message the bot did not send.</summary>
    public bool RequireKnownActivityForUpdate { get; init; } = true;
}
