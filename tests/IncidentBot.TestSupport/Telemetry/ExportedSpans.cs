using System.Collections;
using System.Diagnostics;

namespace IncidentBot.TestSupport.Telemetry;

/// <summary>
/// The spans an in-memory exporter hands over (<c>AddInMemoryExporter(spans)</c>), safe to add to from any thread, and
/// a way to wait for one to end. Listeners are process-wide: spans of other tests land here too, so look for them by
/// trace id.
/// </summary>
public sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> spans = [];
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Seen)> waiters = [];

    public int Count
    {
        get
        {
            lock (spans) return spans.Count;
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The spans of one trace exported so far.</summary>
    public IReadOnlyList<Activity> Of(ActivityTraceId trace)
    {
        lock (spans) return [.. spans.Where(s => s.TraceId == trace)];
    }

    /// <summary>The first exported span <paramref name="match"/> accepts, already or once it ends (bounded by <paramref name="within"/>).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan within, string what)
    {
        var seen = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (spans)
        {
            if (spans.FirstOrDefault(match) is { } already) return already;
            waiters.Add((match, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no span {what} within {within}");
        }
    }

    public void Add(Activity item)
    {
        lock (spans)
        {
            spans.Add(item);
            foreach (var waiter in waiters.Where(w => w.Match(item)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.TrySetResult(item);
            }
        }
    }

    public void Clear()
    {
        lock (spans) spans.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (spans) return spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (spans) spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (spans) return spans.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (spans) return spans.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
