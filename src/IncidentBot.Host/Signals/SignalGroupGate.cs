namespace IncidentBot.Host.Signals;

/// <summary>
/// One async lock per signal group (<c>source:groupKey</c>). The engine looks for the group's open incident and
/// declares one if there is none; Alertmanager retries and HA pairs deliver the same notification several times at
/// once, and without this gate each copy would declare its own incident. A key's lock exists only while it is held
/// or awaited, so group keys cannot grow the table. In-process only: one bot per evidence file.
/// </summary>
internal sealed class SignalGroupGate
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string source, string groupKey, CancellationToken cancellationToken)
    {
        var key = source + ":" + groupKey;
        SemaphoreSlim gate;
        lock (entries)
        {
            var users = 0;
            if (entries.TryGetValue(key, out var entry)) (gate, users) = entry;
            else gate = new SemaphoreSlim(1, 1);
            entries[key] = (gate, users + 1);
        }
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Leave(key);
            throw;
        }
        return new Exit(this, key, gate);
    }

    private void Leave(string key)
    {
        lock (entries)
        {
            var (gate, users) = entries[key];
            if (users == 1)
            {
                entries.Remove(key);
                gate.Dispose();
            }
            else entries[key] = (gate, users - 1);
        }
    }

    private sealed class Exit(SignalGroupGate owner, string key, SemaphoreSlim gate) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 1) return;
            gate.Release();
            owner.Leave(key);
        }
    }
}
