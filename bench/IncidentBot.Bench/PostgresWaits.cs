using Npgsql;

namespace IncidentBot.Bench;

/// <summary>
/// Samples, while a window runs, what the database's busy sessions are waiting for (<c>pg_stat_activity</c>, five
/// times a second over one connection of its own), so the report can say where PostgreSQL's time went: e.g. sessions
/// queued on an advisory lock, or on the WAL's fsync. For advisory locks it also samples how many wait on the busiest
/// single key (<c>pg_locks</c>): many sessions on one key means one lock serialises the whole database, few on each of
/// many keys means contention per stream.
/// </summary>
internal sealed class PostgresWaits : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly NpgsqlConnection connection;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, long> sessions = [];
    private readonly Task sampling;
    private int samples;
    private long onBusiestKey;

    private PostgresWaits(NpgsqlConnection connection)
    {
        this.connection = connection;
        sampling = Task.Run(SampleAsync);
    }

    public static async Task<PostgresWaits> StartAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 30 }.ConnectionString);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await connection.OpenAsync(limit.Token);
        return new PostgresWaits(connection);
    }

    /// <summary>Stops sampling; the most common wait as "type: event" with the mean number of sessions in it, or null when none was seen.</summary>
    public async Task<string?> StopAsync()
    {
        await stop.CancelAsync();
        await sampling.WaitAsync(TimeSpan.FromSeconds(30));
        if (samples == 0 || sessions.Count == 0) return null;
        var (wait, count) = sessions.MaxBy(kv => kv.Value);
        var oneKey = wait == "Lock: advisory" ? $"; {onBusiestKey / (double)samples:F1} on its busiest key" : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{wait} ({count / (double)samples:F1} sessions{oneKey})");
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var command = new NpgsqlCommand("""
                    SELECT wait_event_type || ': ' || wait_event, count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND wait_event IS NOT NULL
                    GROUP BY 1;
                    """, connection))
                await using (var reader = await command.ExecuteReaderAsync(stop.Token))
                {
                    while (await reader.ReadAsync(stop.Token))
                        sessions[reader.GetString(0)] = sessions.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
                }
                await using (var command = new NpgsqlCommand("""
                    SELECT count(*) FROM pg_locks
                    WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND locktype = 'advisory' AND NOT granted
                    GROUP BY classid, objid, objsubid ORDER BY 1 DESC LIMIT 1;
                    """, connection))
                {
                    onBusiestKey += await command.ExecuteScalarAsync(stop.Token) is long waiting ? waiting : 0;
                }
                samples++;
                await Task.Delay(Interval, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (NpgsqlException)
        {
            // The sampler's own connection failed: the samples so far stand; the window is measured regardless.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await sampling.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Left to die with the connection.
        }
        await connection.DisposeAsync();
        stop.Dispose();
    }
}
