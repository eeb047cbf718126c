using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// The per-request yardstick: a bare minimal-API endpoint that verifies the Slack signature and does one SQLite insert
/// per request with the evidence store's durability (WAL, synchronous=FULL), serialised like the store's writes, so
/// every request pays its own fsync.
/// </summary>
internal sealed class BaselineServer : IServedTarget
{
    private readonly WebApplication app;

    private BaselineServer(WebApplication app) => this.app = app;

    public Uri Url => new(app.Urls.First());

    public static async Task<BaselineServer> StartAsync(ServeOptions options)
    {
        var connectionString = $"Data Source={options.Db};Pooling=True";
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            using var cmd = setup.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, received TEXT NOT NULL, body TEXT NOT NULL);";
            await cmd.ExecuteNonQueryAsync();
        }
        var gate = new SemaphoreSlim(1, 1);
        var app = BareHost.Build(options.Port);
        app.MapPost("/slack/commands", async (HttpRequest request) =>
        {
            var body = await BareHost.ReadVerifiedAsync(request);
            if (body is null) return Results.Unauthorized();
            await gate.WaitAsync();
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA synchronous=FULL; INSERT INTO hits (received, body) VALUES ($at, $body);";
                cmd.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                cmd.Parameters.AddWithValue("$body", body);
                await cmd.ExecuteNonQueryAsync();
            }
            finally
            {
                gate.Release();
            }
            return Results.Json(new { response_type = "ephemeral", text = "noted" });
        });
        await app.StartAsync();
        return new BaselineServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
