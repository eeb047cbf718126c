using BenchmarkDotNet.Attributes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// Folding a 1,000-event incident (<see cref="IncidentScript"/>) from stored events, JSON decoding included: today's
/// fold (the table decides every move) against the new fold applying recorded moves, and the new fold of the same
/// events without <c>"moved"</c> (the upcaster path: Stateless decides every move again).
/// </summary>
[MemoryDiagnoser]
public class FoldBenchmarks
{
    private LegacyLifecycleApi legacy = null!;
    private object oldEvents = null!;
    private EvidenceEvent[] recorded = [];
    private EvidenceEvent[] withoutMoves = [];

    /// <summary>Builds the incident once, as old and new evidence, and checks that the three folds end alike.</summary>
    [GlobalSetup]
    public void Setup()
    {
        legacy = LegacyLifecycleApi.FromEnvironment();
        var stored = IncidentScript.Recorded();
        // The old fold reads the very same payloads; it never knew "moved" and skips it like any unknown property.
        oldEvents = legacy.Events(IncidentScript.Id, stored);
        recorded = IncidentScript.AsEvidence(stored);
        withoutMoves = IncidentScript.AsEvidence(IncidentScript.WithoutMoves(stored));

        var old = OldTable() is { } o ? legacy.StateOf(o) : "(none)";
        var (moves, again) = (RecordedMoves(), DecidedAgain());
        if (old != nameof(IncidentState.InReview) || moves?.State != IncidentState.InReview || again?.State != IncidentState.InReview
            || moves.Version != again.Version || moves.LastSeq != IncidentScript.Length)
            throw new InvalidOperationException($"The folds disagree: old {old}, recorded moves {moves?.State}, decided again {again?.State}.");
    }

    /// <summary>Today's fold: <c>Incident.FromEvents(id, events)</c> of the old assembly.</summary>
    [Benchmark(Baseline = true, Description = "today's table")]
    public object? OldTable() => legacy.Fold(IncidentScript.Id, oldEvents);

    /// <summary>The new fold of events that carry their recorded moves.</summary>
    [Benchmark(Description = "Stateless, recorded moves")]
    public Incident? RecordedMoves() => Incident.FromEvents(IncidentScript.Id, recorded);

    /// <summary>The new fold of events stored before moves were recorded: every move decided again.</summary>
    [Benchmark(Description = "Stateless, decided again (no moved)")]
    public Incident? DecidedAgain() => Incident.FromEvents(IncidentScript.Id, withoutMoves);
}
