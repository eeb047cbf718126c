using System.Globalization;
using System.Text;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Composition;
using IncidentBot.Slack.WebApi;
using IncidentBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// The real host on a loopback port with Slack configured, a temp SQLite file, the repository's runbooks, people
/// with Slack identities (alice U0ALICE on-call, bob U0BOB and carol U0CAROL approvers) and the Slack stand-in as
/// the Web API. One per test class.
/// </summary>
public sealed class SlackBot : IAsyncLifetime
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5-test";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "incidentbot-slack-" + Guid.NewGuid().ToString("N"));
    private readonly Func<IReadOnlyDictionary<string, string?>>? extraSettings;
    private readonly Action<WebApplicationBuilder>? configure;
    private readonly bool standInApi = true;
    private WebApplication? app;
    private StandInSlackApi? api;

    /// <summary>The Slack-only bot (xunit fixture).</summary>
    public SlackBot() { }

    /// <summary>The bot with more settings (another surface, signals), read once the Slack stand-in is up.</summary>
    internal SlackBot(Func<IReadOnlyDictionary<string, string?>> extraSettings) => this.extraSettings = extraSettings;

    /// <summary>The bot with the test's own additions to the host (<paramref name="configure"/>, e.g. an exporter); with
    /// <paramref name="standInApi"/> false, the product's own Slack client (its HttpClient, Polly) calls the stand-in.</summary>
    internal SlackBot(Action<WebApplicationBuilder> configure, bool standInApi) => (this.configure, this.standInApi) = (configure, standInApi);

    public SlackStandIn Slack { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The bot's SQLite file (its WAL is beside it, with <c>-wal</c> appended).</summary>
    public string DatabasePath => Path.Combine(directory, "incidentbot.db");

    internal CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => app!.Services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        Slack = await SlackStandIn.StartAsync();
        api = new StandInSlackApi(Slack.ApiBaseUrl, "xoxb-test");
        var (built, problems) = BotApp.Build(["--environment", "Development"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(Settings());
            if (extraSettings is not null) builder.Configuration.AddInMemoryCollection(extraSettings());
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            if (standInApi) builder.Services.AddSingleton<ISlackApi>(api);
            configure?.Invoke(builder);
        });
        Assert.True(built is not null, string.Join('\n', problems));
        app = built;
        await BotApp.StartAsync(app);
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Storage:DatabasePath"] = DatabasePath,
        ["Runbooks:Directory"] = Path.Combine(RepositoryRoot.Path, "runbooks"),
        ["Demo:SeedChanges"] = "false",
        ["Slack:SigningSecret"] = Secret,
        ["Slack:BotToken"] = "xoxb-test",
        ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
        ["Governance:ResponderGroups:0"] = "oncall",
        ["Governance:ResponderGroups:1"] = "approvers",
        ["Governance:People:0:Id"] = "alice",
        ["Governance:People:0:Groups:0"] = "oncall",
        ["Governance:People:0:Identities:slack"] = "U0ALICE",
        ["Governance:People:1:Id"] = "bob",
        ["Governance:People:1:Groups:0"] = "approvers",
        ["Governance:People:1:Identities:slack"] = "U0BOB",
        ["Governance:People:2:Id"] = "carol",
        ["Governance:People:2:Groups:0"] = "approvers",
        ["Governance:People:2:Identities:slack"] = "U0CAROL",
    };

    /// <summary>POSTs <paramref name="body"/> signed with the bot's secret and the current time (or <paramref name="timestamp"/>).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType, long? timestamp = null,
        string? secret = null, IReadOnlyDictionary<string, string>? headers = null) =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), contentType, sign: true, timestamp, secret, headers);

    public async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType, bool sign, long? timestamp = null,
        string? secret = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (sign)
        {
            var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-Slack-Request-Timestamp", ts);
            request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(secret ?? Secret, ts, body));
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        return await Http.SendAsync(request);
    }

    /// <summary>Incidents and evidence events in the store (all streams that can change through Slack).</summary>
    public async Task<(int Incidents, int Events)> CountsAsync()
    {
        var read = Services.GetRequiredService<IIncidentReadModel>();
        var store = Services.GetRequiredService<IEvidenceStore>();
        var incidents = await read.ListIncidentsAsync(true, CancellationToken.None);
        var events = (await store.ReadStreamAsync(Streams.Bot, CancellationToken.None)).Count;
        foreach (var i in incidents) events += (await store.ReadStreamAsync(i.Id, CancellationToken.None)).Count;
        return (incidents.Count, events);
    }

    public async Task<IReadOnlyList<EvidenceEvent>> EventsAsync(string incidentId) =>
        await Services.GetRequiredService<IEvidenceStore>().ReadStreamAsync(incidentId, CancellationToken.None);

    public IncidentEngine Engine => Services.GetRequiredService<IncidentEngine>();

    /// <summary>Waits until <paramref name="condition"/> holds (background replies happen after the response).</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            await Task.Delay(25);
        }
        return condition();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null) await app.DisposeAsync();
        api?.Dispose();
        if (Slack is not null) await Slack.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on some platforms; the temp folder is cleaned eventually.
        }
    }
}
