using IncidentBot.Core.Evidence;

namespace IncidentBot.Storage.Sqlite.Writing;

/// <summary>
/// What the appends of one group commit moved, for the one checkpoint that transaction writes: each stream's newest
/// head and the delivery and runbook rows added. A write stages its part while it runs; the writer accepts it when
/// the write's savepoint is released and discards it when the write is rolled back.
/// </summary>
internal sealed class MovedHeads
{
    private readonly Dictionary<string, StreamHead> _accepted = new(StringComparer.Ordinal);
    private readonly List<StreamHead> _staged = [];
    private int _stagedDeliveries;
    private int _stagedRunbooks;

    /// <summary>Delivery rows the accepted writes added.</summary>
    public int DeliveriesAdded { get; private set; }

    /// <summary>Runbook texts the accepted writes added.</summary>
    public int RunbooksAdded { get; private set; }

    /// <summary>True when an accepted write moved a head.</summary>
    public bool Any => _accepted.Count > 0;

    /// <summary>The newest accepted head of each moved stream, sorted by stream (ordinal).</summary>
    public IReadOnlyList<StreamHead> Heads =>
        [.. _accepted.Values.OrderBy(h => h.Stream, StringComparer.Ordinal)];

    /// <summary>The running write moved <paramref name="head"/> and added these rows.</summary>
    public void Stage(StreamHead head, int deliveriesAdded, int runbooksAdded)
    {
        _staged.Add(head);
        _stagedDeliveries += deliveriesAdded;
        _stagedRunbooks += runbooksAdded;
    }

    /// <summary>The running write was kept.</summary>
    public void Accept()
    {
        foreach (var head in _staged) _accepted[head.Stream] = head;
        DeliveriesAdded += _stagedDeliveries;
        RunbooksAdded += _stagedRunbooks;
        Discard();
    }

    /// <summary>The running write was rolled back.</summary>
    public void Discard()
    {
        _staged.Clear();
        _stagedDeliveries = 0;
        _stagedRunbooks = 0;
    }

    /// <summary>Starts a new transaction.</summary>
    public void Clear()
    {
        Discard();
        _accepted.Clear();
        DeliveriesAdded = 0;
        RunbooksAdded = 0;
    }
}
