using System.Diagnostics.Metrics;
using IncidentBot.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Teams.Tests.Connector;

/// <summary>
/// The connector counts the Bot Connector's 429s on <c>incidentbot.delivery.rate_limited</c> and its in-place retries on
/// <c>incidentbot.api.retries</c>, both tagged <c>surface=teams</c>. Read with a listener on the harness's own meters only (its <see cref="IMeterFactory"/> is
/// the meters' scope), so a bot running in another test is not counted here.
/// </summary>
public sealed class TeamsRateLimitMetricsTests
{
    private const string RateLimited = "incidentbot.delivery.rate_limited";
    private const string ApiRetries = "incidentbot.api.retries";

    [Fact]
    public async Task SendToConversationAsync_429WithRetryAfterThenAccepted_OneRateLimitedOneRetryTaggedTeamsAndDelivered()
    {
        // Arrange
        await using var bot = await ConnectorHarness.StartAsync(register: services => services.AddMetrics().AddSingleton<BotMetrics>());
        var meters = bot.Services.GetRequiredService<IMeterFactory>();
        var counted = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name is RateLimited or ApiRetries) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (counted) counted.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();
        bot.StandIn.FailNext(429, retryAfterSeconds: 1);

        // Act
        var id = await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "19:ops@thread.skype", ConnectorHarness.Message("throttled once"), CancellationToken.None);

        // Assert
        Assert.Equal([429, 201], bot.StandIn.ConnectorRequests.Select(r => r.Status));
        var delivered = Assert.Single(bot.StandIn.Transcript.Calls);
        Assert.Equal(id, delivered.ActivityId);
        lock (counted)
        {
            foreach (var name in new[] { RateLimited, ApiRetries })
            {
                var (_, value, tags) = Assert.Single(counted, c => c.Instrument == name);
                Assert.Equal(1, value);
                Assert.Equal("teams", Assert.Single(tags).Value);
                Assert.Equal("surface", Assert.Single(tags).Key);
            }
        }
    }
}
