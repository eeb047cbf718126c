using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Bench;

/// <summary>
/// The group-commit yardstick: a bare minimal-API endpoint that verifies the Slack signature and hands one row to a
/// single writer, which commits everything queued so far in one transaction (one fsync: WAL, synchronous=FULL) and
/// only then lets each request answer. <c>GET /bench/stats</c> answers <c>{commits} {rows}</c> so the harness can
/// report rows per commit.
/// </summary>
internal sealed class GroupCommitBaseline : IServedTarget
{
    private readonly WebApplication app;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection connection;
    private readonly Task writer;
    private long commits;
    private long rows;

    private GroupCommitBaseline(WebApplication app, SqliteConnection connection)
    {
        (this.app, this.connection) = (app, connection);
        writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Uri Url => new(app.Urls.First());

    public static async Task<GroupCommitBaseline> StartAsync(ServeOptions options)
    {
        var connection = new SqliteConnection($"Data Source={options.Db};Pooling=False");
        await connection.OpenAsync();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, received TEXT NOT NULL, body TEXT NOT NULL);";
            await cmd.ExecuteNonQueryAsync();
        }
        var server = new GroupCommitBaseline(BareHost.Build(options.Port), connection);
        server.app.MapPost("/slack/commands", async (HttpRequest request) =>
        {
            var body = await BareHost.ReadVerifiedAsync(request);
            if (body is null) return Results.Unauthorized();
            var pending = new Pending(body, DateTimeOffset.UtcNow, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await server.queue.Writer.WriteAsync(pending);
            await pending.Committed.Task;
            return Results.Json(new { response_type = "ephemeral", text = "noted" });
        });
        server.app.MapGet("/bench/stats", () => $"{Interlocked.Read(ref server.commits)} {Interlocked.Read(ref server.rows)}");
        await server.app.StartAsync();
        return server;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO hits (received, body) VALUES ($at, $body);";
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                using (var tx = connection.BeginTransaction())
                {
                    insert.Transaction = tx;
                    foreach (var p in batch)
                    {
                        at.Value = p.Received.ToString("O");
                        body.Value = p.Body;
                        insert.ExecuteNonQuery();
                    }
                    tx.Commit();
                }
                Interlocked.Increment(ref commits);
                Interlocked.Add(ref rows, batch.Count);
                foreach (var p in batch) p.Committed.TrySetResult();
            }
            catch (SqliteException e)
            {
                foreach (var p in batch) p.Committed.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await app.DisposeAsync();
        await writer;
        await connection.DisposeAsync();
    }

    private sealed record Pending(string Body, DateTimeOffset Received, TaskCompletionSource Committed);
}
