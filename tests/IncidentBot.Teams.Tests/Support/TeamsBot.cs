using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Host.Composition;
using IncidentBot.Storage.Sqlite;
using IncidentBot.Teams.Tests.Connector;
using IncidentBot.TestSupport;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>
/// The real host (<see cref="BotApp"/>, Development) in this process on a loopback port, with Teams configured against
/// loopback Bot Framework stand-ins: an <see cref="OpenIdStandIn"/> publishing <see cref="Keys"/> (inbound tokens) and
/// a <see cref="ConnectorStandIn"/> (the bot's own token and every message it posts). A temporary SQLite file, the
/// repository's runbooks, alice, bob and carol with teams identities, every log line captured at Trace. One per test.
/// </summary>
internal sealed class TeamsBot : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("incidentbot-teams-").FullName;
    private WebApplication? app;

    private TeamsBot(BotFrameworkKeySet keys, OpenIdStandIn openId, ConnectorStandIn connector)
    {
        Keys = keys;
        OpenId = openId;
        Connector = connector;
        Tokens = new InboundTokens(keys, connector.AppId, connector.ServiceUrl);
    }

    public BotFrameworkKeySet Keys { get; }

    public OpenIdStandIn OpenId { get; }

    public ConnectorStandIn Connector { get; }

    public InboundTokens Tokens { get; }

    public CapturedLogs Logs { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public SqliteStore Store => Services.GetRequiredService<SqliteStore>();

    /// <summary>Starts the stand-ins and the bot; <paramref name="settings"/> add to or override <see cref="TeamsTestSettings"/>.</summary>
    public static async Task<TeamsBot> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var keys = new BotFrameworkKeySet();
        var openId = await OpenIdStandIn.StartAsync(keys);
        var connector = await ConnectorStandIn.StartAsync();
        var bot = new TeamsBot(keys, openId, connector);
        try
        {
            await bot.StartHostAsync(settings);
            return bot;
        }
        catch (Exception)
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private async Task StartHostAsync(IReadOnlyDictionary<string, string>? extra)
    {
        var settings = TeamsTestSettings.For(Connector, OpenId);
        settings["Storage:DatabasePath"] = Path.Combine(directory, "incidentbot.db");
        settings["Runbooks:Directory"] = RepositoryRoot.Combine("runbooks");
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var (built, problems) = BotApp.Build(["--environment", "Development"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        Assert.True(built is not null, string.Join('\n', problems));
        app = built;
        await BotApp.StartAsync(app);
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A channel people talk to this bot in.</summary>
    public TeamsChannel Channel(string id) => new(Http, Tokens, Connector, id);

    /// <summary>Every evidence event of every stream, as stored.</summary>
    public async Task<IReadOnlyList<EvidenceEvent>> AllEventsAsync()
    {
        var events = new List<EvidenceEvent>();
        await foreach (var e in Services.GetRequiredService<IEvidenceStore>().ReadAllAsync(CancellationToken.None)) events.Add(e);
        return events;
    }

    /// <summary>The events of one stream.</summary>
    public Task<IReadOnlyList<EvidenceEvent>> EventsAsync(string stream) =>
        Services.GetRequiredService<IEvidenceStore>().ReadStreamAsync(stream, CancellationToken.None);

    /// <summary>What <c>GET /api/incidents</c> answers.</summary>
    public async Task<JsonElement> IncidentsAsync() => await Http.GetFromJsonAsync<JsonElement>("api/incidents");

    /// <summary>The notifications committed for <paramref name="surface"/>, oldest first.</summary>
    public Task<IReadOnlyList<OutboxItem>> NotificationsAsync(string surface) =>
        Store.ReadOutboxAsync(OutboxKind.Notify, surface, 0, 10_000, CancellationToken.None);

    /// <summary>
    /// The root card's activity id of <paramref name="incidentId"/> in Teams, once the bot has bound it as the incident's
    /// thread (it posts the root, then records it: a message typed in the reply chain before that finds no incident).
    /// </summary>
    public async Task<string> ThreadOfAsync(string incidentId)
    {
        var conversations = Services.GetRequiredService<IConversationReadModel>();
        string? thread = null;
        await Waits.UntilAsync(async () =>
                (thread = (await conversations.ConversationsOfAsync(incidentId, CancellationToken.None)).FirstOrDefault(c => c.Surface == Surfaces.Teams)?.Thread) is not null,
            TimeSpan.FromSeconds(30), () => DiagnosticsAsync());
        return thread!;
    }

    /// <summary>The id of the only incident.</summary>
    public async Task<string> SingleIncidentAsync() =>
        Assert.Single((await IncidentsAsync()).EnumerateArray()).GetProperty("id").GetString()!;

    /// <summary>Waits until every notification committed for Teams was delivered (or given up on): nothing more will
    /// reach the connector that a later assertion could miss.</summary>
    public Task AllDeliveredAsync(TeamsChannel? channel = null) =>
        Waits.UntilAsync(async () => (await NotificationsAsync(Surfaces.Teams)).All(n => n.DoneUtc is not null), TimeSpan.FromSeconds(30),
            () => DiagnosticsAsync(channel));

    /// <summary>What a failure message should show: the clicks' answers, the evidence, the last log lines.</summary>
    public async Task<string> DiagnosticsAsync(TeamsChannel? channel = null)
    {
        var events = await AllEventsAsync();
        var logs = Logs.Lines.Where(l => !l.Text.Contains("Microsoft.", StringComparison.Ordinal) && !l.Text.Contains("System.Net", StringComparison.Ordinal)).TakeLast(60);
        var outbox = await NotificationsAsync(Surfaces.Teams);
        return $"Teams notifications:\n{string.Join('\n', outbox.Select(n => $"#{n.Id} {n.Stream} attempts {n.Attempts} done {n.DoneUtc:O} {n.LastError}"))}\n"
            + $"Connector requests:\n{string.Join('\n', Connector.Requests.Select(r => $"{r.Method} {r.RawPath} {r.Status} {r.ReceivedAt:O}"))}\n"
            + $"Answers:\n{string.Join('\n', channel?.Answers.Select(a => a.ToString()) ?? [])}\n"
            + $"Events:\n{string.Join('\n', events.Select(e => $"{e.Stream}#{e.Seq} {e.Type} by {e.Actor} on {e.Surface}"))}\n"
            + $"Logs:\n{string.Join('\n', logs.Select(l => l.Text))}";
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null) await app.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        Keys.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }
}
