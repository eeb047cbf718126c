using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// The yardstick: a bare minimal-API endpoint that reads the body and does one SQLite insert per request with the
/// same durability settings as the evidence store (WAL, synchronous=FULL), serialised like the store's writes.
/// </summary>
internal sealed class BaselineServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private BaselineServer(WebApplication app, string folder, HttpClient client) => (this.app, this.folder, Client) = (app, folder, client);

    public HttpClient Client { get; }

    public static async Task<BaselineServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("incidentbot-bench-baseline-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "baseline.db")};Pooling=True";
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            using var cmd = setup.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE hits (id INTEGER PRIMARY KEY, received TEXT NOT NULL, body TEXT NOT NULL);";
            await cmd.ExecuteNonQueryAsync();
        }
        var gate = new SemaphoreSlim(1, 1);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/baseline", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
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
            return Results.Ok();
        });
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new BaselineServer(app, folder, client);
    }

    public HttpRequestMessage NextRequest() =>
        new(HttpMethod.Post, "/baseline") { Content = new StringContent("token=x&command=%2Fincident&text=note+INC-1+bench") };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
