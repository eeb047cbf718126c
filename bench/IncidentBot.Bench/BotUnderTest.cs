using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Composition;
using IncidentBot.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// The real bot in this process on a loopback port (Kestrel, the SQLite store with synchronous=FULL, the outbox
/// workers), with Slack configured against <see cref="NullSlackApi"/>. Requests are signed like Slack's.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private const string Secret = "bench-signing-secret";
    private const int Incidents = 16;
    private readonly WebApplication app;
    private readonly NullSlackApi slack;
    private readonly string folder;
    private long sequence;

    private BotUnderTest(WebApplication app, NullSlackApi slack, string folder, HttpClient client) => (this.app, this.slack, this.folder, Client) = (app, slack, folder, client);

    public HttpClient Client { get; }

    public static async Task<BotUnderTest> StartAsync()
    {
        var slack = await NullSlackApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("incidentbot-bench-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(folder, "bench.db"),
            ["Runbooks:Directory"] = RepositoryRunbooks(),
            ["Demo:SeedChanges"] = "false",
            ["Console:Enabled"] = "false",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl.ToString(),
            ["Governance:People:0:Id"] = "alice",
            ["Governance:People:0:Groups:0"] = "oncall",
            ["Governance:People:0:Identities:slack"] = "U0ALICE",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var (app, problems) = BotApp.Build(["--environment", "Production"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        if (app is null) throw new InvalidOperationException(string.Join("\n", problems));
        await BotApp.StartAsync(app);
        var bot = new BotUnderTest(app, slack, folder, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
        for (var i = 0; i < Incidents; i++)
        {
            using var declare = bot.SlashCommand($"declare Bench incident {i} sev3 runbook=ai-assistant-drift");
            using var response = await bot.Client.SendAsync(declare);
            response.EnsureSuccessStatusCode();
        }
        return bot;
    }

    public HttpRequestMessage NextSlashCommand()
    {
        var n = Interlocked.Increment(ref sequence);
        return SlashCommand($"note INC-{1 + n % Incidents} bench note {n}");
    }

    public HttpRequestMessage NextButtonClick()
    {
        var n = Interlocked.Increment(ref sequence);
        var incident = $"INC-{1 + n % Incidents}";
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ALICE", ["username"] = "alice", ["team_id"] = "T0BENCH" },
            ["team"] = new JsonObject { ["id"] = "T0BENCH", ["domain"] = "bench" },
            ["api_app_id"] = "A0BENCH",
            ["trigger_id"] = $"{n}.1.bench",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C0BENCH", ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = "C0BENCH", ["name"] = "incidents" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000100", ["text"] = "card" },
            ["response_url"] = "https://hooks.slack.invalid/actions/bench",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = $"b{n}", ["block_id"] = $"{incident}@{n}:actions:0",
                ["value"] = $"/incident note {incident} bench click {n}", ["action_ts"] = "1700000001.000200",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Note" },
            }),
        };
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        return SlackSigner.Signed("/slack/interactions", Secret, body, "application/x-www-form-urlencoded");
    }

    private HttpRequestMessage SlashCommand(string text)
    {
        var n = Interlocked.Increment(ref sequence);
        var body = string.Join('&',
            "token=deprecated", "team_id=T0BENCH", "team_domain=bench", "channel_id=C0BENCH", "channel_name=incidents",
            "user_id=U0ALICE", "user_name=alice", "command=%2Fincident", "text=" + Uri.EscapeDataString(text),
            "api_app_id=A0BENCH", "response_url=" + Uri.EscapeDataString("https://hooks.slack.invalid/commands/bench"),
            $"trigger_id={n}.2.bench");
        return SlackSigner.Signed("/slack/commands", Secret, body, "application/x-www-form-urlencoded");
    }

    public async Task<long> CountEventsAsync()
    {
        long count = 0;
        await foreach (var _ in app.Services.GetRequiredService<IEvidenceStore>().ReadAllAsync(CancellationToken.None)) count++;
        return count;
    }

    public async Task<string> VerifyAsync()
    {
        var report = await EvidenceVerifier.VerifyAsync(app.Services.GetRequiredService<IEvidenceStore>().ReadAllAsync(CancellationToken.None), CancellationToken.None);
        return report.Ok ? $"verified ({report.StreamCount} chains)" : "BROKEN: " + report.FirstFault;
    }

    private static string RepositoryRunbooks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) return Path.Combine(dir.FullName, "runbooks");
        throw new InvalidOperationException("Run the bench from inside the repository.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await slack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
