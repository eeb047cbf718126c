using IncidentBot.Host.Composition;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using IncidentBot.TestSupport.Logging;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// The real bot (BotApp.Build + StartAsync, Kestrel and its limits included) on a free loopback port, with its own
/// SQLite file in a temporary folder, and an HttpClient pointed at it.
/// </summary>
internal sealed class TestBot : IAsyncDisposable
{
    private readonly string folder;

    private TestBot(WebApplication app, string folder, string databasePath)
    {
        (App, this.folder, DatabasePath) = (app, folder, databasePath);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }
    public string DatabasePath { get; }

    /// <summary>Default people: alice (oncall), bob and carol (approvers), dave (observers, not a responder).</summary>
    public static readonly IReadOnlyDictionary<string, string?> People = new Dictionary<string, string?>
    {
        ["Governance:ResponderGroups:0"] = "oncall",
        ["Governance:ResponderGroups:1"] = "approvers",
        ["Governance:ResponderGroups:2"] = "release-managers",
        ["Governance:People:0:Id"] = "alice", ["Governance:People:0:Groups:0"] = "oncall",
        ["Governance:People:1:Id"] = "bob", ["Governance:People:1:Groups:0"] = "approvers",
        ["Governance:People:2:Id"] = "carol", ["Governance:People:2:Groups:0"] = "approvers",
        ["Governance:People:3:Id"] = "dave", ["Governance:People:3:Groups:0"] = "observers",
    };

    /// <summary>
    /// Starts a bot in <paramref name="environment"/>; <paramref name="settings"/> override the defaults; every log line
    /// of every level goes to <paramref name="logs"/> when given (none is kept otherwise); <paramref name="configure"/>
    /// adds the test's own services (an exporter) last.
    /// </summary>
    public static async Task<TestBot> StartAsync(string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null,
        CapturedLogs? logs = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("incidentbot-host-").FullName;
        var databasePath = Path.Combine(folder, "evidence.db");
        var config = new Dictionary<string, string?>(People)
        {
            ["Storage:DatabasePath"] = databasePath,
            ["Demo:SeedChanges"] = "false", // tests record the change history they need themselves
            ["Runbooks:Directory"] = RepoPaths.Runbooks,
            ["Outbox:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var (app, problems) = BotApp.Build(["--environment", environment], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            logs?.AddTo(builder.Logging);
            builder.Configuration.AddInMemoryCollection(config);
            configure?.Invoke(builder);
        });
        Assert.True(app is not null, string.Join("\n", problems));
        await BotApp.StartAsync(app);
        return new TestBot(app, folder, databasePath);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
