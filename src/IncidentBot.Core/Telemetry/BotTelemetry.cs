using System.Diagnostics;

namespace IncidentBot.Core.Telemetry;

/// <summary>
/// The names the bot's own telemetry goes out under: one <see cref="ActivitySource"/> for its spans and one meter
/// name for its instruments. Both are plain .NET diagnostics types, so Core depends on no telemetry SDK; the host
/// decides whether anything listens (OpenTelemetry, <c>Host/Telemetry</c>).
/// </summary>
public static class BotTelemetry
{
    /// <summary>The activity source's and the meter's name.</summary>
    public const string Name = "IncidentBot";

    /// <summary>Where the bot's own spans start. Starting one costs nothing when nobody listens.</summary>
    public static readonly ActivitySource Source = new(Name);
}
