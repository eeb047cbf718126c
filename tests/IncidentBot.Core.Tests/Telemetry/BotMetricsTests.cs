using System.Diagnostics.Metrics;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Telemetry;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Telemetry;

/// <summary>The engine's command counter and its tags, read with a listener on this test's own meter only.</summary>
public sealed class BotMetricsTests : IDisposable
{
    private readonly OwnMeters meters = new();
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> recorded = [];

    public BotMetricsTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created.Contains(instrument.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (recorded) recorded.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();
    }

    public void Dispose()
    {
        listener.Dispose();
        meters.Dispose();
    }

    [Fact]
    public async Task Handle_CommandThatThrows_CountedAsErrorAndStillThrown()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Triage);
        var engine = Measured(h);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            engine.HandleAsync(new CommandEnvelope(Surfaces.Console, "alice", $"/incident triage {id} sev2 prompt"), cancelled.Token));

        // Assert
        var counted = Assert.Single(recorded, r => r.Instrument == "incidentbot.commands");
        Assert.Equal(1, counted.Value);
        Assert.Equal(("console", "triage", "error"), ((string)counted.Tags["surface"]!, (string)counted.Tags["verb"]!, (string)counted.Tags["outcome"]!));
    }

    [Fact]
    public async Task Handle_FreeText_VerbIsUnparsedNotTheText()
    {
        // Arrange
        var engine = Measured(new EngineHarness());

        // Act
        var result = await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "alice", "/incident please-page-everyone-now"), CancellationToken.None);

        // Assert
        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        var counted = Assert.Single(recorded, r => r.Instrument == "incidentbot.commands");
        Assert.Equal(("slack", IncidentEngine.UnparsedVerb, "answered"), ((string)counted.Tags["surface"]!, (string)counted.Tags["verb"]!, (string)counted.Tags["outcome"]!));
    }

    private IncidentEngine Measured(EngineHarness h) =>
        new(h.Store, h.Store, h.Store, h.Store, h.Changes, new PinnedRunbooks(h.Catalog, h.Store), h.People, new EngineOptions(), h.Clock,
            metrics: new BotMetrics(meters));

    /// <summary>Meters made for this test alone, so the listener ignores every other test's.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (Created) Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created) meter.Dispose();
        }
    }
}
