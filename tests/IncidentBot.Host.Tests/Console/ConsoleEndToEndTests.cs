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
/// A whole incident run by people in the console page, in headless Chromium, against the real bot process.
/// The backend's wording is not part of the contract: the test matches data-command and data-tone hooks, incident
/// ids and robust fragments (v42, v41, "refused"/"cannot") rather than sentences.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ConsoleEndToEndTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    const string Incident = "INC-1";
    const string Learning = "Prompt changes need an eval gate on refund questions";
    const string FollowUp = "Add refund questions to the prompt eval set";
    const float StepTimeoutMs = 15_000;
    const float ExecutionTimeoutMs = 60_000;

    static readonly Regex Refusal = new(@"refus|cannot|can't|can not|not allowed|denied|own request|yourself", RegexOptions.IgnoreCase);
    static readonly Regex Rollback = new(@"v42[\s\S]*v41", RegexOptions.None);
    static readonly Regex Closed = new(@"\bclosed\b", RegexOptions.IgnoreCase);

    [Fact]
    public async Task Console_IncidentFromDeclareToClose_TimelineRecordsEveryStepInOrder()
    {
        // BotProcess turns the Development demo change seed off: the history is the test's own (below). Its
        // Executors:Settings follow its own address to its practice service, which the rollback's http step and checks call.
        await using var bot = await BotProcess.StartNewAsync();
        await SeedPromptChangesAsync(bot.Http);

        var page = await chromium.NewPageAsync();
        try
        {
            await RunIncidentAsync(new ConsolePage(page), bot.BaseAddress);
            await ScreenshotAsync(page, "console-e2e.png");
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            await ScreenshotAsync(page, "console-e2e-failure.png");
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{bot.Output}", ex);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var markdown = await bot.Http.GetStringAsync($"api/incidents/{Incident}/timeline?format=md");
        output.WriteLine(markdown);
        AssertStepsInOrder("timeline.md", markdown.Split('\n'));

        var json = await bot.Http.GetStringAsync($"api/incidents/{Incident}/timeline?format=json");
        AssertStepsInOrder("timeline.json", Entries(json));
    }

    static async Task RunIncidentAsync(ConsolePage console, Uri baseAddress)
    {
        await console.OpenAsync(baseAddress);
        await console.SelectPersonAsync("alice");

        // Declare in the channel: the reply belongs to the new incident and the page switches to its thread.
        await console.SendAsync(
            "/incident declare Assistant promises refunds it cannot give sev2 service=support-assistant runbook=ai-assistant-drift");
        await Expect(console.Page.Locator($"[data-testid=card][data-incident={Incident}]").First).ToBeVisibleAsync();
        await Expect(console.Thread(Incident)).ToHaveAttributeAsync("aria-current", "true");

        await console.SendAsync("/incident triage sev2 prompt");
        await console.ExpectStateAsync(Incident, StepTimeoutMs, "containmentChoice");
        await console.ClickCardButtonAsync(Incident, $"/incident contain {Incident} rollback-prompt");
        await console.ExpectStateAsync(Incident, StepTimeoutMs, "awaitingApproval");

        // Alice asked for the rollback and is not an approver: the bot refuses, with a warning only she sees.
        var beforeSelfApproval = await console.Cards(Incident).CountAsync();
        await console.ClickCardButtonAsync(Incident, "/incident approve");
        var refusal = await console.WaitForCardAsync(Incident, Refusal, from: beforeSelfApproval);
        await Expect(console.Cards(Incident).Nth(refusal)).ToHaveAttributeAsync("data-tone", "warning");
        await console.ExpectStateAsync(Incident, StepTimeoutMs, "awaitingApproval");

        // Bob approves; the rollback runs in the background and reports back (in the reply or through the feed).
        // Cards mention "v42 -> v41" while it still runs, so the state, not the wording, says when it is done.
        await console.SelectPersonAsync("bob");
        var beforeApproval = await console.Cards(Incident).CountAsync();
        await console.ClickCardButtonAsync(Incident, "/incident approve");
        await console.WaitForCardAsync(Incident, Rollback, from: beforeApproval, timeoutMs: ExecutionTimeoutMs);
        await console.ExpectStateAsync(Incident, ExecutionTimeoutMs, "verifying", "recovered");

        // rollback-prompt's checks are automatic only (the practice service's metric and health): the bot confirms
        // recovery by itself, nobody clicks "recovered".
        await console.ExpectStateAsync(Incident, ExecutionTimeoutMs, "recovered");
        await console.ClickCardButtonAsync(Incident, "/incident review");
        await console.ExpectStateAsync(Incident, StepTimeoutMs, "inReview");
        // At sev2 the shipped runbook wants a learning and a follow-up with an owner before close: the review card's
        // buttons ask for the text in the page's modal and append it to their command.
        await console.ClickCardButtonAsync(Incident, $"/incident learn {Incident}", input: Learning);
        await console.ClickCardButtonAsync(Incident, $"/incident followup {Incident}", input: FollowUp + " owner=bob due=2026-12-20");

        var beforeClose = await console.Cards(Incident).CountAsync();
        await console.ClickCardButtonAsync(Incident, "/incident close");

        await console.WaitForCardAsync(Incident, Closed, from: beforeClose);
        await console.ExpectStateAsync(Incident, StepTimeoutMs, "closed");
    }

    /// <summary>The practice service's good prompt, then its bad one (deployed and recorded by the simulated change),
    /// so the rollback's http step deploys a version the practice service knows.</summary>
    static async Task SeedPromptChangesAsync(HttpClient http)
    {
        await PostChangeAsync(http, new
        {
            service = "support-assistant",
            layer = "prompt",
            version = "prompt-v41",
            deployedBy = "dana",
            deployedUtc = DateTimeOffset.UtcNow.AddHours(-3),
            approved = true,
        });
        using var simulated = await http.PostAsync("practice/simulate/prompt-change", null);
        Assert.True(simulated.IsSuccessStatusCode, $"POST /practice/simulate/prompt-change answered {(int)simulated.StatusCode}");
    }

    static async Task PostChangeAsync(HttpClient http, object change)
    {
        using var response = await http.PostAsJsonAsync("api/changes", change);
        Assert.True(
            response.IsSuccessStatusCode,
            $"POST /api/changes answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The export lists the steps in the order they happened. Each step is looked for after the previous one, so
    /// words that also appear earlier (a title, a runbook summary) do not confuse the order.
    /// </summary>
    static void AssertStepsInOrder(string name, IReadOnlyList<string> entries)
    {
        (string Step, Func<string, bool> Matches)[] steps =
        [
            ("declaration", e => Regex.IsMatch(e, "declar", RegexOptions.IgnoreCase)),
            ("alice's refused self-approval", e => Contains(e, "alice") && Refusal.IsMatch(e)),
            ("bob's approval", e => Contains(e, "bob") && Regex.IsMatch(e, "approv", RegexOptions.IgnoreCase)),
            ("rollback from v42 to v41", e => Rollback.IsMatch(e) && Regex.IsMatch(e, "roll", RegexOptions.IgnoreCase)),
            ("the manual step handed to people", e => Contains(e, "drift-review")),
            ("recovery", e => Regex.IsMatch(e, "recover|verification passed", RegexOptions.IgnoreCase)),
            ("learning", e => Contains(e, Learning)),
            ("follow-up with its owner", e => Contains(e, FollowUp) && Contains(e, "owner bob")),
            ("close", e => Closed.IsMatch(e) || Regex.IsMatch(e, @"\bclose\b", RegexOptions.IgnoreCase)),
        ];

        var at = 0;
        foreach (var (step, matches) in steps)
        {
            var found = -1;
            for (var i = at; i < entries.Count; i++)
            {
                if (matches(entries[i]))
                {
                    found = i;
                    break;
                }
            }

            if (found < 0)
            {
                throw new XunitException(
                    $"{name}: no entry for the {step} after entry #{at}.\n--- {name} ---\n{string.Join('\n', entries)}");
            }

            at = found + 1;
        }
    }

    static bool Contains(string text, string fragment) => text.Contains(fragment, StringComparison.OrdinalIgnoreCase);

    /// <summary>The entries of the JSON export: its root array, else its largest array property.</summary>
    static IReadOnlyList<string> Entries(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var array = root.ValueKind == JsonValueKind.Array
            ? root
            : root.EnumerateObject()
                .Select(p => p.Value)
                .Where(v => v.ValueKind == JsonValueKind.Array)
                .OrderByDescending(v => v.GetArrayLength())
                .FirstOrDefault();
        Assert.True(array.ValueKind == JsonValueKind.Array, "timeline.json has no array of entries:\n" + json);
        return array.EnumerateArray().Select(e => e.GetRawText()).ToList();
    }

    async Task ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        output.WriteLine("screenshot: " + path);
    }
}
