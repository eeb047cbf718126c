using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Text;
using IncidentBot.Slack.Tests.Support;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IncidentBot.Slack.Tests.EndToEnd;

/// <summary>
/// A bounded fuzz run over real HTTP against the bot with every surface on (Slack, Teams, the console, signals, the
/// API): about 2,000 hostile requests from a seeded generator (set <c>INCIDENTBOT_FUZZ_SEED</c> to replay a failure).
/// First requests every route must refuse (bad or missing credentials): none may answer 5xx or change any evidence.
/// Then the same hostility with valid credentials: none may answer 5xx, the evidence chain still verifies and no
/// incident title keeps a control or direction character. Afterwards the bot is healthy and obeys a normal command.
/// </summary>
public sealed class HostileRequestFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "fuzz-api-key-0123456789";
    private const int RefusedRequests = 1200;
    private const int AuthenticatedRequests = 800;
    private static readonly TimeSpan PhaseTimeLimit = TimeSpan.FromSeconds(60);
    private SlackAndTeamsBot both = null!;
    private BotFrameworkKeySet keys = null!;
    private ConnectorStandIn connector = null!;
    private SlackBot bot = null!;

    public async Task InitializeAsync()
    {
        both = await SlackAndTeamsBot.StartAsync(new Dictionary<string, string?>
        {
            ["Api:AllowAnonymous"] = "false",
            ["Api:Keys:0"] = ApiKey,
            ["Governance:People:0:Identities:teams"] = "aad-alice",
        });
        (keys, connector, bot) = (both.Keys, both.Connector, both.Bot);
    }

    public async Task DisposeAsync() => await both.DisposeAsync();

    [Fact]
    public async Task Fuzz_TwoThousandHostileRequestsOnEveryRoute_No5xxNoChangeFromRefusedAndStillHealthy()
    {
        // Arrange
        var seed = int.TryParse(Environment.GetEnvironmentVariable("INCIDENTBOT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261202;
        var requests = new FuzzRequests(new Random(seed), ApiKey, keys, connector.AppId, connector.ServiceUrl.ToString());
        var eventsBefore = await CountEventsAsync();

        // Act 1: requests that must all be refused.
        var refused = await RunAsync(requests, RefusedRequests, validCredentials: false);
        var eventsAfterRefused = await CountEventsAsync();

        // Act 2: the same hostility, with valid credentials.
        var authenticated = await RunAsync(requests, AuthenticatedRequests, validCredentials: true);

        // Assert
        output.WriteLine($"seed {seed}");
        output.WriteLine(refused.Describe("refused (bad credentials)"));
        output.WriteLine(authenticated.Describe("authenticated"));
        foreach (var error in bot.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error && !l.Message.Contains("BadHttpRequestException", StringComparison.Ordinal))
                     .Select(l => string.Join("\n", l.Message.Split('\n').Take(6))).Distinct().Take(10))
            output.WriteLine("bot error: " + error);
        Assert.True(refused.Sent >= RefusedRequests / 2 && authenticated.Sent >= AuthenticatedRequests / 2, "the time limit cut the run short");
        Assert.True(refused.ServerErrors.Count == 0, "5xx: " + string.Join("; ", refused.ServerErrors));
        Assert.True(authenticated.ServerErrors.Count == 0, "5xx: " + string.Join("; ", authenticated.ServerErrors));
        Assert.True(refused.Dropped.Count == 0, "connection closed: " + string.Join("; ", refused.Dropped));
        Assert.True(authenticated.Dropped.Count == 0, "connection closed: " + string.Join("; ", authenticated.Dropped));
        Assert.True(refused.Accepted.Count == 0, "accepted without valid credentials: " + string.Join("; ", refused.Accepted));
        Assert.Equal(eventsBefore, eventsAfterRefused);

        var store = bot.Services.GetRequiredService<IEvidenceStore>();
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(report.Ok, report.ToString());
        var incidents = await bot.Services.GetRequiredService<IIncidentReadModel>().ListIncidentsAsync(true, CancellationToken.None);
        Assert.All(incidents, i => Assert.True(UntrustedText.IsClean(i.Title), i.Title));

        using var health = await bot.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var command = new HttpRequestMessage(HttpMethod.Post, "/api/console/messages")
        {
            Content = new StringContent("{\"user\":\"alice\",\"text\":\"/incident declare Still standing sev3 service=support-assistant\"}", Encoding.UTF8, "application/json"),
        };
        command.Headers.Add("X-Api-Key", ApiKey);
        using var declared = await bot.Http.SendAsync(command);
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains("\"outcome\":\"applied\"", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<FuzzRun> RunAsync(FuzzRequests requests, int count, bool validCredentials)
    {
        var run = new FuzzRun();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < PhaseTimeLimit; i++)
        {
            var fuzz = requests.Next(validCredentials);
            using var request = requests.ToHttp(fuzz);
            try
            {
                using var response = await bot.Http.SendAsync(request);
                run.Record(fuzz, (int)response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Kestrel may close the connection on a body over its limit before the client finished sending.
                run.Record(fuzz, FuzzRun.ConnectionClosed);
            }
        }
        run.Duration = clock.Elapsed;
        return run;
    }

    private async Task<int> CountEventsAsync()
    {
        var n = 0;
        await foreach (var _ in bot.Services.GetRequiredService<IEvidenceStore>().ReadAllAsync(CancellationToken.None)) n++;
        return n;
    }
}
