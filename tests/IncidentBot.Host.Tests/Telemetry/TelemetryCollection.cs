namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// Tests that read the bot's meters. OpenTelemetry listens to every meter named <c>IncidentBot</c> in the process, so a
/// bot running beside another would count the other's work too: these run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
