using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;

namespace IncidentBot.Host.Tests.Review;

/// <summary>
/// One whole incident on the test-owned runbook <c>review-target</c> (<c>Review/Runbooks</c>), driven over real HTTP:
/// two changes recorded (an approved prompt, then an unapproved one), Alertmanager's alert with its <c>startsAt</c>
/// opens the incident, alice triages sev2 and chooses the rollback, bob and carol approve (two at sev2), the http step
/// deploys on the loopback stand-in, the checks recover it, the review starts, a follow-up without an owner does not
/// let a sev2 close (the refusal is kept), one with an owner does, and alice closes it.
/// </summary>
internal sealed class ReviewIncident : IAsyncDisposable
{
    public const string Service = "review-api";
    public const string Learning = "Prompt changes need an eval gate";

    private readonly string runbooks;

    private ReviewIncident(string runbooks, LoopbackTarget target, TestBot bot) => (this.runbooks, Target, Bot) = (runbooks, target, bot);

    public LoopbackTarget Target { get; }
    public TestBot Bot { get; }
    public HttpClient Http => Bot.Http;

    /// <summary>The alert's <c>startsAt</c> (ten minutes before the test started).</summary>
    public DateTimeOffset StartsAt { get; } = WholeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10));

    /// <summary>The refusal of the first close, as the console returned it.</summary>
    public string CloseRefusal { get; private set; } = "";

    /// <summary>A bot (Development, or <paramref name="environment"/> with <paramref name="settings"/>) whose only
    /// runbook is <c>review-target</c>, and the stand-in it deploys to and reads its metric from.</summary>
    public static async Task<ReviewIncident> StartAsync(string environment = "Development", Dictionary<string, string?>? settings = null)
    {
        var target = await LoopbackTarget.StartAsync((ctx, _) => ctx.Request.Path == "/api/v1/query"
            ? LoopbackTarget.PrometheusAsync(ctx, 0.01)
            : LoopbackTarget.ReplyAsync(ctx, 200, "{\"deployed\":true}"));
        var folder = Directory.CreateTempSubdirectory("incidentbot-review-runbooks-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Review", "Runbooks", "review-target.yaml"), Path.Combine(folder, "review-target.yaml"));
        var config = new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = folder,
            ["Executors:Settings:target"] = target.BaseUrl,
            ["Executors:Http:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        return new ReviewIncident(folder, target, await TestBot.StartAsync(environment, config));
    }

    /// <summary>Runs the whole incident; returns its id.</summary>
    public async Task<string> RunAsync()
    {
        await ChangeAsync("prompt-v41", "erin", DateTimeOffset.UtcNow.AddHours(-6), approved: true);
        await ChangeAsync("prompt-v42", "dan", DateTimeOffset.UtcNow.AddMinutes(-20), approved: false);
        var id = await AlertAsync();

        await IncidentApi.AppliedAsync(Http, "alice", $"/incident triage {id} sev2 prompt");
        await IncidentApi.AppliedAsync(Http, "alice", $"/incident contain {id} rollback-prompt");
        await IncidentApi.AppliedAsync(Http, "bob", $"/incident approve {id} looks right");
        await IncidentApi.AppliedAsync(Http, "carol", $"/incident approve {id}");
        await IncidentApi.WaitForStateAsync(Http, id, "recovered");

        await IncidentApi.AppliedAsync(Http, "alice", $"/incident review {id}");
        await IncidentApi.AppliedAsync(Http, "alice", $"/incident learn {id} {Learning}");
        await IncidentApi.AppliedAsync(Http, "alice", $"/incident factor {id} Prompt releases skip approval");
        await IncidentApi.AppliedAsync(Http, "bob", $"/incident answer {id} 1 prompt-v42, deployed by dan without approval");
        await IncidentApi.AppliedAsync(Http, "alice", $"/incident followup {id} Tell affected customers");
        var refused = await IncidentApi.SayAsync(Http, "alice", $"/incident close {id}");
        Assert.NotEqual("applied", refused.GetProperty("outcome").GetString());
        CloseRefusal = refused.ToString();
        await IncidentApi.AppliedAsync(Http, "alice", $"/incident followup {id} Add an eval gate to prompt releases owner=carol due=2026-12-31");
        await IncidentApi.AppliedAsync(Http, "alice", $"/incident close {id}");
        await IncidentApi.WaitForStateAsync(Http, id, "closed");
        return id;
    }

    private async Task ChangeAsync(string version, string by, DateTimeOffset at, bool approved)
    {
        using var response = await Http.PostAsJsonAsync("/api/changes", new { service = Service, layer = "prompt", version, deployedBy = by, deployedUtc = at, approved, note = "" });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/changes answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> AlertAsync()
    {
        var alert = new
        {
            version = "4", groupKey = "{}:{alertname=\"ReviewApiBadAnswers\"}", status = "firing", receiver = "incidentbot",
            groupLabels = new Dictionary<string, string> { ["alertname"] = "ReviewApiBadAnswers" },
            commonLabels = new Dictionary<string, string> { ["alertname"] = "ReviewApiBadAnswers", ["service"] = Service, ["severity"] = "warning" },
            commonAnnotations = new Dictionary<string, string> { ["summary"] = "Assistant promises refunds" },
            externalURL = "http://alertmanager.example.org:9093",
            alerts = new[]
            {
                new
                {
                    status = "firing", labels = new Dictionary<string, string> { ["alertname"] = "ReviewApiBadAnswers", ["service"] = Service },
                    annotations = new Dictionary<string, string>(), startsAt = StartsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    endsAt = "0001-01-01T00:00:00Z", generatorURL = "http://prometheus.example.org:9090/graph", fingerprint = "0123456789abcdef",
                },
            },
        };
        using var response = await Http.PostAsJsonAsync("/api/signals/alertmanager", alert);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK || response.IsSuccessStatusCode, $"alertmanager answered {(int)response.StatusCode}: {body}");
        using var result = JsonDocument.Parse(body);
        Assert.Equal("declared", result.RootElement.GetProperty("outcome").GetString());
        return result.RootElement.GetProperty("incidentId").GetString()!;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Target.DisposeAsync();
        try
        {
            Directory.Delete(runbooks, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }
}
