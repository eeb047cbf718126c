using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// The README's practice demo, in headless Chromium against the real bot process in Development: a bad prompt goes
/// live on the practice service, Alertmanager's alert makes the bot declare the incident, people triage, choose and
/// approve the prompt rollback in the console, the http step deploys the good prompt on the practice service, and
/// automatic verification (its Prometheus metric and health endpoint) recovers the incident without a person.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ConsoleDemoEndToEndTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    const string Learning = "Prompt releases need an eval gate on refund answers";
    const string FollowUp = "Add refund answers to the release eval set";
    const int Questions = 6; // ai-assistant-drift's review questions
    const float StepTimeoutMs = 15_000;
    const float RecoveryTimeoutMs = 60_000;
    static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Console_PracticeDemo_AlertToAutomaticRecoveryToClose_TimelineRecordsEveryStepInOrder()
    {
        // Arrange: the bot on a free port, not 5080, with no Executors:Settings: its runbook settings follow its own
        // address (the timeline's deploy step below names that port). Then the team's last approved prompt, and the
        // bad prompt change on the practice service.
        await using var bot = await BotProcess.StartNewAsync();
        Assert.NotEqual(5080, bot.Port);
        await PostJsonAsync(bot.Http, "api/changes", new
        {
            service = "support-assistant", layer = "prompt", version = "prompt-v41", deployedBy = "dana",
            deployedUtc = DateTimeOffset.UtcNow.AddDays(-6), approved = true,
        });
        Assert.Equal("ok", await HealthAsync(bot.Http));
        using (var simulated = await bot.Http.PostAsync("practice/simulate/prompt-change", null))
            Assert.True(simulated.IsSuccessStatusCode, $"simulate answered {(int)simulated.StatusCode}");
        Assert.Equal("degraded", await HealthAsync(bot.Http));
        Assert.True(await BadAnswerRatioAsync(bot.Http) > 0.05, "the bad prompt should push the metric over 5%");

        var page = await chromium.NewPageAsync();
        string incident;
        try
        {
            var console = new ConsolePage(page);
            await console.OpenAsync(bot.BaseAddress);
            await console.SelectPersonAsync("alice");

            // Act: Alertmanager fires; the bot declares the incident and the console shows it through the feed.
            incident = await SendAlertAsync(bot.Http);
            await Expect(console.Thread(incident)).ToBeVisibleAsync(new() { Timeout = StepTimeoutMs });
            await console.SelectThreadAsync(incident);
            await Expect(page.Locator($"[data-testid=card][data-incident={incident}]").First).ToBeVisibleAsync();

            await RunIncidentAsync(console, bot.Http, incident);
            await ScreenshotAsync(page, "console-demo-e2e.png");
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            await ScreenshotAsync(page, "console-demo-e2e-failure.png");
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{bot.Output}", ex);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // Assert: the practice service is healthy again and the evidence tells the story in order.
        Assert.Equal("ok", await HealthAsync(bot.Http));
        Assert.True(await BadAnswerRatioAsync(bot.Http) < 0.05);
        var markdown = await bot.Http.GetStringAsync($"api/incidents/{incident}/timeline?format=md");
        output.WriteLine(markdown);
        var rows = markdown.Split('\n');
        AssertStepsInOrder(rows, bot.Port);
        Assert.DoesNotContain(rows, r => Has(r, "confirmed recovery")); // the checks recovered it, not a person
    }

    static async Task RunIncidentAsync(ConsolePage console, HttpClient http, string incident)
    {
        // The alert is critical, so the incident is sev1: alice confirms that with the triage button.
        await console.ClickCardButtonAsync(incident, $"/incident triage {incident} sev1");
        await console.ExpectStateAsync(incident, StepTimeoutMs, "containmentChoice");
        await console.ClickCardButtonAsync(incident, $"/incident contain {incident} rollback-prompt");
        await console.ExpectStateAsync(incident, StepTimeoutMs, "awaitingApproval");

        // At sev1 the runbook asks for two approvers: bob, then carol. Her approval starts the rollback.
        await console.SelectPersonAsync("bob");
        await console.ClickCardButtonAsync(incident, "/incident approve");
        await console.ExpectStateAsync(incident, StepTimeoutMs, "awaitingApproval");
        await console.SelectPersonAsync("carol");
        await console.ClickCardButtonAsync(incident, "/incident approve");

        // The http step deploys the good prompt on the practice service; the checks then see it recover.
        await WaitForHealthyAsync(http);
        await console.ExpectStateAsync(incident, RecoveryTimeoutMs, "recovered");

        await console.SelectPersonAsync("alice");
        await console.ClickCardButtonAsync(incident, "/incident review");
        await console.ExpectStateAsync(incident, StepTimeoutMs, "inReview");
        // At sev1 the shipped runbook wants a learning, a follow-up with an owner and every review question answered
        // before close; the review card offers a button for each, whose text the page's modal asks for.
        await console.ClickCardButtonAsync(incident, $"/incident learn {incident}", input: Learning);
        await console.ClickCardButtonAsync(incident, $"/incident followup {incident}", input: FollowUp + " owner=bob due=2026-12-20");
        for (var n = 1; n <= Questions; n++)
            await console.ClickCardButtonAsync(incident, $"/incident answer {incident} {n}", input: $"Answer {n} from the review meeting");
        await console.ClickCardButtonAsync(incident, "/incident close");
        await console.ExpectStateAsync(incident, StepTimeoutMs, "closed");
    }

    static Task<string> SendAlertAsync(HttpClient http) => Signals.SignalFixtures.DeclareFromDocsExampleAsync(http);

    static async Task<string?> HealthAsync(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync("practice/health"));
        return health.RootElement.GetProperty("status").GetString();
    }

    static async Task WaitForHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + HealthTimeout;
        while (await HealthAsync(http) != "ok")
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/practice/health was not ok within {HealthTimeout.TotalSeconds:0} s of the approval.");
            await Task.Delay(250);
        }
    }

    static async Task<double> BadAnswerRatioAsync(HttpClient http)
    {
        var query = Uri.EscapeDataString("assistant_bad_answer_ratio{service=\"support-assistant\"}");
        using var answer = JsonDocument.Parse(await http.GetStringAsync("practice/prometheus/api/v1/query?query=" + query));
        var value = answer.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString()!;
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    static async Task PostJsonAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Each step is looked for after the previous one, so the same words earlier in the export do not count.</summary>
    static void AssertStepsInOrder(IReadOnlyList<string> rows, int port)
    {
        (string Step, Func<string, bool> Matches)[] steps =
        [
            ("the bot declaring the incident", e => Has(e, "| system |") && Has(e, "declared") && Has(e, "ai-assistant-drift")),
            ("the Alertmanager signal", e => Has(e, "alertmanager signal firing")),
            ("triage", e => Has(e, "| alice |") && Has(e, "triaged as sev1")),
            ("the containment choice", e => Has(e, "| alice |") && Has(e, "chose rollback-prompt") && Has(e, "prompt-v42 → prompt-v41")),
            ("bob's approval", e => Has(e, "| bob |") && Has(e, "approved rollback-prompt")),
            ("carol's approval", e => Has(e, "| carol |") && Has(e, "approved rollback-prompt")),
            ("the deploy step", e => Has(e, "step 1 deploy-previous-prompt (http) done") &&
                                     Has(e, $"POST http://127.0.0.1:{port}/practice/deploy -> 200")),
            ("the baseline step", e => Has(e, "step 2 move-back (baseline) done")),
            ("a passing metric check", e => Has(e, "check bad-answer-ratio: pass")),
            ("a passing health check", e => Has(e, "check assistant-health: pass")),
            ("verification passed", e => Has(e, "verification passed")),
            ("the review", e => Has(e, "| alice |") && Has(e, "started the post-incident review")),
            ("the learning", e => Has(e, "learning: " + Learning)),
            ("the follow-up", e => Has(e, "follow-up: " + FollowUp + " (owner bob, due 2026-12-20)")),
            ("the last answer", e => Has(e, $"answered review question {Questions} (")),
            ("the close", e => Has(e, "| alice |") && Has(e, "closed the incident")),
        ];

        var at = 0;
        foreach (var (step, matches) in steps)
        {
            var found = -1;
            for (var i = at; i < rows.Count && found < 0; i++)
                if (matches(rows[i])) found = i;
            if (found < 0)
                throw new XunitException($"timeline.md: no row for {step} after row #{at}.\n{string.Join('\n', rows)}");
            at = found + 1;
        }
    }

    static bool Has(string row, string fragment) => Plain(row).Contains(fragment, StringComparison.Ordinal);

    /// <summary>A markdown table row as it reads: backslash escapes and HTML entities (<c>-&amp;gt;</c>) undone.</summary>
    static string Plain(string row) => System.Net.WebUtility.HtmlDecode(Regex.Replace(row, @"\\(.)", "$1"));

    async Task ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        output.WriteLine("screenshot: " + path);
    }
}
