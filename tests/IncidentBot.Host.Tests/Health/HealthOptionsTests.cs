using IncidentBot.Host.Startup;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Health;

/// <summary><c>Health:OutboxMaxAge</c> is checked at start-up with the other settings.</summary>
public sealed class HealthOptionsTests
{
    [Fact]
    public async Task Start_OutboxMaxAgeZero_RefusesNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<StartupFailedException>(() =>
            TestBot.StartAsync(settings: new Dictionary<string, string?> { ["Health:OutboxMaxAge"] = "00:00:00" }));

        Assert.Contains(failure.Lines, l => l.Contains("Health:OutboxMaxAge must be positive.", StringComparison.Ordinal));
    }
}
