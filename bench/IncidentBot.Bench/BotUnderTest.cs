using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Host.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// The real bot on a loopback port (Kestrel, the SQLite store with synchronous=FULL or a shared PostgreSQL database,
/// the outbox workers), with Slack configured against the harness's Web API stand-in. Before it reports ready it
/// declares its incidents through its
/// own signed endpoint and tops each one up to the asked number of events (notes appended through the evidence store
/// in large batches, so seeding takes seconds; the first command on an incident then folds them once). On a database
/// that already holds them (seeded by an earlier process, so that seeding leaves nothing in this one's memory) it only
/// starts; so a second node on a shared PostgreSQL database, started after the first is ready, only starts too.
/// </summary>
internal sealed class BotUnderTest : IServedTarget
{
    private const int SeedBatch = 2000;
    private readonly WebApplication app;

    private BotUnderTest(WebApplication app) => this.app = app;

    public Uri Url => new(app.Urls.First());

    public static async Task<BotUnderTest> StartAsync(ServeOptions options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = Path.Combine(RepositoryRoot(), "runbooks"),
            ["Demo:SeedChanges"] = "false",
            ["Console:Enabled"] = "false",
            ["Api:AllowAnonymous"] = "true",
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:ApiBaseUrl"] = (options.Slack ?? throw new ArgumentException("the bot needs --slack URL")).ToString(),
            ["Governance:People:0:Id"] = "alice",
            ["Governance:People:0:Groups:0"] = "oncall",
            ["Governance:People:0:Identities:slack"] = "U0ALICE",
            ["Logging:LogLevel:Default"] = "Error",
            ["Telemetry:Enabled"] = options.Telemetry ? "true" : "false",
        };
        if (options.Storage is { Provider: BotStorage.Postgres } pg)
        {
            settings["Storage:Provider"] = BotStorage.Postgres;
            settings["Storage:ConnectionString"] = pg.ConnectionString;
            settings["Evidence:SigningKeyPath"] = pg.SigningKeyPath;
        }
        else
        {
            settings["Storage:DatabasePath"] = options.Db;
        }
        var (app, problems) = BotApp.Build(["--environment", "Production"], builder =>
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Error);
        });
        if (app is null) throw new InvalidOperationException(string.Join("\n", problems));
        await BotApp.StartAsync(app);
        var bot = new BotUnderTest(app);
        using var client = new HttpClient { BaseAddress = bot.Url };
        var declared = (await app.Services.GetRequiredService<IIncidentReadModel>().ListIncidentsAsync(true, CancellationToken.None)).Count;
        for (var i = declared + 1; i <= options.Incidents; i++)
        {
            using var declare = SlackRequests.SlashCommand($"declare Bench incident {i} sev3 runbook=ai-assistant-drift",
                SlackRequests.Channel(i, options.ChannelPerIncident));
            using var response = await client.SendAsync(declare);
            response.EnsureSuccessStatusCode();
        }
        if (options.Events > 0) await bot.SeedAsync(options.Incidents, options.Events);
        return bot;
    }

    private async Task SeedAsync(int incidents, int events)
    {
        var store = app.Services.GetRequiredService<IEvidenceStore>();
        var at = DateTimeOffset.UtcNow;
        for (var i = 1; i <= incidents; i++)
        {
            var id = $"INC-{i}";
            var stream = await store.ReadStreamAsync(id, CancellationToken.None);
            if (stream.Count == 0) throw new InvalidOperationException($"{id} was not declared");
            var (seq, have, runbookVersion) = (stream[^1].Seq, stream.Count, stream[^1].RunbookVersion);
            while (have < events)
            {
                var drafts = Enumerable.Range(have, Math.Min(SeedBatch, events - have)).Select(k =>
                {
                    var note = new NoteAdded($"seed note {k}");
                    return new EventDraft(EventCodec.TypeName(note), "alice", Surfaces.Slack, at, EventCodec.Serialize(note), runbookVersion);
                }).ToList();
                var outcome = await store.AppendAsync(new AppendRequest(id, seq, drafts), CancellationToken.None);
                if (outcome is AppendOutcome.Conflict)
                {
                    // The delivery worker recorded something meanwhile (the thread of the root card it posted): read on.
                    stream = await store.ReadStreamAsync(id, CancellationToken.None);
                    (seq, have) = (stream[^1].Seq, stream.Count);
                    continue;
                }
                if (outcome is not AppendOutcome.Appended appended) throw new InvalidOperationException($"seeding {id}: {outcome}");
                (seq, have) = (appended.Events[^1].Seq, have + drafts.Count);
            }
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from inside the repository.");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
