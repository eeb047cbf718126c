using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static IncidentBot.Host.Tests.Support.IncidentApi;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Readiness;

/// <summary>
/// A rollback drill of <c>ai-assistant-drift</c> in Development, end to end against the practice service: started from
/// the readiness page's button in headless Chromium, run through the real runbook with real approvals, its http step
/// and automatic checks going to the drill settings (the practice service), shown as a drill in its thread and export,
/// left out of the incident metrics, and back on the readiness report (point 7) with its timings.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DrillEndToEndTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    const float StepTimeoutMs = 15_000;
    static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Drill_StartedFromTheReadinessPage_RunsAgainstThePracticeServiceAndShowsOnTheReport()
    {
        // Arrange: the team's last approved prompt, then a bad prompt live on the practice service (what the drill
        // practises rolling back).
        await using var bot = await BotProcess.StartNewAsync();
        await PostJsonAsync(bot.Http, "api/changes", new
        {
            service = "support-assistant", layer = "prompt", version = "prompt-v41", deployedBy = "dana",
            deployedUtc = DateTimeOffset.UtcNow.AddDays(-6), approved = true,
        });
        using (var simulated = await bot.Http.PostAsync("practice/simulate/prompt-change", null))
            Assert.True(simulated.IsSuccessStatusCode, $"simulate answered {(int)simulated.StatusCode}");
        Assert.Equal("degraded", await HealthAsync(bot.Http));

        var page = await chromium.NewPageAsync();
        string drill;
        try
        {
            // Act 1: the readiness page shows support-assistant's seven points, with no drill yet; alice starts one.
            await page.GotoAsync(new Uri(bot.BaseAddress, "console/readiness.html").ToString());
            var service = page.Locator("[data-testid=service][data-service=support-assistant]");
            await Expect(service.Locator("[data-testid=point]")).ToHaveCountAsync(7, new() { Timeout = StepTimeoutMs });
            await Expect(service.Locator("[data-testid=point][data-number='7']")).ToContainTextAsync("no drill yet", new() { Timeout = StepTimeoutMs });
            await page.GetByTestId("person").SelectOptionAsync("alice");
            await service.Locator("[data-testid=drill][data-runbook=ai-assistant-drift]").ClickAsync();
            var result = page.GetByTestId("drill-result");
            await Expect(result).ToContainTextAsync(new Regex(@"Drill INC-\d+ started"), new() { Timeout = StepTimeoutMs });
            drill = Regex.Match(await result.InnerTextAsync(), @"INC-\d+").Value;

            // Act 2: the real runbook, with real approvals; the rollback and the checks go to the practice service.
            await AppliedAsync(bot.Http, "alice", $"/incident triage {drill} sev2 prompt");
            await AppliedAsync(bot.Http, "alice", $"/incident contain {drill} rollback-prompt");
            await AppliedAsync(bot.Http, "bob", $"/incident approve {drill}");
            await WaitForRecoveredAsync(bot.Http, drill);

            // Assert 1: the drill's thread in the console shows it as a drill (the card and the line that started it).
            var console = new Console.ConsolePage(page);
            await console.OpenAsync(bot.BaseAddress);
            await console.SelectThreadAsync(drill);
            await Expect(console.Cards(drill).Last).ToContainTextAsync("DRILL ·", new() { Timeout = StepTimeoutMs });
            await Expect(page.Locator("#messages")).ToContainTextAsync("Practice incident", new() { Timeout = StepTimeoutMs });

            // Assert 2: the report's point 7 now names the drill and how it went.
            await page.GotoAsync(new Uri(bot.BaseAddress, "console/readiness.html").ToString());
            await Expect(service.Locator("[data-testid=point][data-number='7']")).ToContainTextAsync(drill, new() { Timeout = StepTimeoutMs });
            await ScreenshotAsync(page, "readiness-after-drill.png");
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            await ScreenshotAsync(page, "readiness-drill-failure.png");
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{bot.Output}", ex);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // Assert 3: the practice service was really rolled back, and the drill is marked as one in its thread and export.
        Assert.Equal("ok", await HealthAsync(bot.Http));
        var card = await CardAsync(bot.Http, drill);
        Assert.Contains("DRILL", card.GetProperty("title").GetString()!, StringComparison.Ordinal);
        var markdown = await bot.Http.GetStringAsync($"api/incidents/{drill}/timeline?format=md");
        output.WriteLine(markdown);
        Assert.Contains("Drill report", markdown, StringComparison.Ordinal);
        Assert.Contains("bob", markdown, StringComparison.Ordinal);

        // Assert 4: never counted as a real incident.
        using (var metrics = JsonDocument.Parse(await bot.Http.GetStringAsync("api/metrics/incidents")))
        {
            Assert.Equal(0, metrics.RootElement.GetProperty("overall").GetProperty("count").GetInt32());
            Assert.Equal(1, metrics.RootElement.GetProperty("drills").GetInt32());
        }

        // Assert 5: the report as JSON and Markdown carries the last drill with its timings.
        using var report = JsonDocument.Parse(await bot.Http.GetStringAsync("api/readiness?service=support-assistant"));
        var lastDrill = report.RootElement.GetProperty("services")[0].GetProperty("points")[6];
        var facts = string.Join('\n', lastDrill.GetProperty("facts").EnumerateArray().Select(f => f.GetString()));
        output.WriteLine(facts);
        Assert.Contains(drill, facts, StringComparison.Ordinal);
        Assert.Contains("bob", facts, StringComparison.Ordinal);
    }

    static async Task WaitForRecoveredAsync(HttpClient http, string incident)
    {
        var deadline = DateTime.UtcNow + RecoveryPatience;
        JsonElement current;
        do
        {
            current = await GetAsync(http, incident);
            if (current.State() == "recovered") return;
            Assert.NotEqual("verificationFailed", current.State());
            Assert.NotEqual("executionFailed", current.State());
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new XunitException($"{incident} did not recover within {RecoveryPatience.TotalSeconds:0} s; state {current.State()}:\n" +
            string.Join('\n', current.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type") + ": " + e.Summary())));
    }

    static async Task<string?> HealthAsync(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync("practice/health"));
        return health.RootElement.GetProperty("status").GetString();
    }

    static async Task PostJsonAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    async Task ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }
}
