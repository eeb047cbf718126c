using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Composition;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Delivery;
using IncidentBot.Slack.WebApi;
using IncidentBot.Storage.Sqlite;
using IncidentBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// The bot's services composed in this process the way the host composes them (real SQLite file in a temporary
/// folder, the real engine), plus Slack delivery pointed at a stand-in. Declares and changes incidents as a Slack user.
/// </summary>
internal sealed class InProcessBot : IAsyncDisposable
{
    public const string SlackUser = "U0ALICE";
    private readonly string? ownedDirectory;
    private int deliveries;

    private InProcessBot(ServiceProvider services, string? ownedDirectory, ListLogger logs) =>
        (Services, this.ownedDirectory, Logs) = (services, ownedDirectory, logs);

    public ServiceProvider Services { get; }
    public SqliteStore Store => Services.GetRequiredService<SqliteStore>();
    public IncidentEngine Engine => Services.GetRequiredService<IncidentEngine>();
    public ListLogger Logs { get; }

    /// <summary>Composes the bot on <paramref name="databasePath"/> (a new temporary file when null). With a stand-in,
    /// Slack delivery is registered too (fast retries), but not started.</summary>
    /// <param name="messagesPerSecond">Slack's per-channel pace (<c>Slack:Pacing</c>); fast unless a test measures pacing.</param>
    public static async Task<InProcessBot> StartAsync(SlackStandIn? slack, string? databasePath = null, int maxRetries = 2, TimeSpan? lease = null,
        TimeSpan? callTimeout = null, double messagesPerSecond = 1000, int burst = 1000)
    {
        string? owned = null;
        if (databasePath is null)
        {
            owned = Directory.CreateTempSubdirectory("incidentbot-slack-").FullName;
            databasePath = Path.Combine(owned, "bot.db");
        }
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = databasePath,
            ["Governance:People:0:Id"] = "alice",
            ["Governance:People:0:Groups:0"] = "oncall",
            ["Governance:People:0:Identities:slack"] = SlackUser,
        };
        if (slack is not null)
        {
            settings["Slack:SigningSecret"] = "test-signing-secret";
            settings["Slack:BotToken"] = "xoxb-test-token";
            settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString();
            settings["Slack:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Slack:CallTimeout"] = (callTimeout ?? TimeSpan.FromSeconds(2)).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            settings["Slack:Delivery:PollInterval"] = "00:00:00.050";
            settings["Slack:Delivery:RetryBaseDelay"] = "00:00:00.050";
            settings["Slack:Delivery:MaxRetryDelay"] = "00:00:00.400";
            settings["Slack:Pacing:MessagesPerSecond"] = messagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Slack:Pacing:UpdatesPerSecond"] = messagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Slack:Pacing:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Slack:Delivery:Lease"] = (lease ?? TimeSpan.FromSeconds(30)).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var logs = new ListLogger();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(TimeProvider.System);
        services.AddSqliteEvidence().AddIncidentBotCore(RunbookCatalog.LoadDirectory(Path.Combine(RepositoryRoot.Path, "runbooks")).Catalog);
        // Registered before AddSlackDelivery, which only adds what is missing: milliseconds of backoff instead of seconds.
        services.AddSingleton(sp => new SlackResilience(sp.GetRequiredService<IOptions<SlackOptions>>().Value, TimeProvider.System,
            sp.GetRequiredService<ILogger<SlackResilience>>(), TimeSpan.FromMilliseconds(20)));
        services.AddSlackDelivery(configuration);
        if (slack is not null) services.AddNotificationDelivery(Surfaces.Slack);
        var bot = new InProcessBot(services.BuildServiceProvider(), owned, logs);
        await bot.Store.InitializeAsync(CancellationToken.None);
        return bot;
    }

    /// <summary>The renderer the bot uses.</summary>
    public Func<Card, SlackMessage> Render => Services.GetRequiredService<BlockKitRenderer>().Render;

    /// <summary>The Slack delivery worker (not started).</summary>
    public IHostedService DeliveryWorker => Services.GetServices<IHostedService>().Single(s => s is IncidentBot.Host.Delivery.DeliveryWorker { Surface: Surfaces.Slack });

    /// <summary>Declares an incident from Slack channel <paramref name="channel"/>; returns its id.</summary>
    public async Task<string> DeclareAsync(string channel, string title)
    {
        var result = await SendAsync($"/incident declare {title} sev3 runbook=ai-assistant-drift", channel);
        return result.IncidentId ?? throw new InvalidOperationException($"declare failed: {result.Outcome} {result.Replies[0].Card.Text}");
    }

    /// <summary>Adds a note to an incident from Slack.</summary>
    public async Task NoteAsync(string incidentId, string note, string? replyTo = null)
    {
        var result = await SendAsync($"/incident note {incidentId} {note}", null, replyTo);
        if (result.Outcome != CommandOutcome.Applied) throw new InvalidOperationException($"note failed: {result.Outcome}");
    }

    /// <summary>Any command line from Slack, typed outside a thread.</summary>
    public Task<CommandResult> CommandAsync(string text) => SendAsync(text, null);

    /// <summary>What the incident's Slack thread should say, line by line, in commit order: the lines of every event
    /// the notify rows name (a declaration's row names none: the root is its message).</summary>
    public async Task<IReadOnlyList<string>> ExpectedLinesAsync(string incidentId)
    {
        var lines = new List<string>();
        foreach (var row in (await NotificationsAsync()).Where(n => n.Stream == incidentId))
        {
            var notification = OutboxDrafts.Read<Notification>(row);
            if (!notification.DescribesEvents) continue;
            lines.AddRange((await Engine.ThreadLinesAsync(incidentId, notification.FromSeq, notification.ToSeq, CancellationToken.None)).Select(l => l.Text));
        }
        return lines;
    }

    private Task<CommandResult> SendAsync(string text, string? conversation, string? replyTo = null) =>
        Engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, SlackUser, text, conversation, $"test-{Interlocked.Increment(ref deliveries)}-{Guid.NewGuid():N}", replyTo,
            conversation is null ? null : new ConversationReference(Surfaces.Slack, conversation)), CancellationToken.None);

    /// <summary>The notify rows for Slack, oldest first.</summary>
    public Task<IReadOnlyList<OutboxItem>> NotificationsAsync() => Store.ReadOutboxAsync(OutboxKind.Notify, Surfaces.Slack, 0, 10_000, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (ownedDirectory is null) return;
        try
        {
            Directory.Delete(ownedDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }
}
