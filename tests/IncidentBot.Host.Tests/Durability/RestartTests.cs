using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;

namespace IncidentBot.Host.Tests.Durability;

/// <summary>
/// The real bot killed with SIGKILL in the middle of durable work (an approval window, verification polling, a step
/// in flight) and started again on the same database: the work resumes exactly once, and a step that may already have
/// taken effect is never sent again without a person saying so. Every wait is bounded (<see cref="IncidentApi.Patience"/>).
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_DuringApprovalWindow_ExactlyOneReminder()
    {
        // Arrange
        using var runbooks = new TargetRunbooks();
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.ReplyAsync(ctx, 200));
        await using var bot = await BotProcess.StartNewAsync(Environment(runbooks, target, ("Engine__ApprovalReminderAfter", "00:00:03")));
        var id = await IncidentApi.ChooseAsync(bot.Http, "once-call");
        var chosen = DateTimeOffset.UtcNow;

        // Act: killed before the reminder is due (3 s after the choice).
        await bot.KillAsync();
        Assert.True(DateTimeOffset.UtcNow - chosen < TimeSpan.FromSeconds(3), "the kill came after the reminder was due");
        await bot.StartAsync();
        await IncidentApi.WaitForAsync(bot.Http, id, i => i.Events("ApprovalReminderSent").Count > 0, "reminded", () => bot.Output);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second reminder (re-run timer, unreleased claim) would land here
        var incident = await IncidentApi.GetAsync(bot.Http, id);

        // Assert
        var reminder = Assert.Single(incident.Events("ApprovalReminderSent"));
        Assert.True(reminder.Time() >= chosen.AddSeconds(2), $"reminded early: {reminder.Time():O} vs chosen {chosen:O}");
        Assert.Equal("awaitingApproval", incident.State());
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task Restart_DuringVerificationPolling_PollingResumesAndRecovers()
    {
        // Arrange
        using var runbooks = new TargetRunbooks();
        await using var prometheus = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.PrometheusAsync(ctx, 0.01));
        await using var bot = await BotProcess.StartNewAsync(Environment(runbooks, prometheus));
        var id = await IncidentApi.ApprovedAsync(bot.Http, "verify-three");
        await IncidentApi.WaitForAsync(bot.Http, id, i => i.Events("CheckPolled").Count >= 1, "polled", () => bot.Output);

        // Act: three passes 1 s apart are needed; the bot dies after the first.
        await bot.KillAsync();
        var killed = DateTimeOffset.UtcNow;
        await bot.StartAsync();
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "recovered", () => bot.Output);

        // Assert
        var polls = incident.Events("CheckPolled");
        var beforeKill = polls.Count(p => p.Time() < killed);
        Assert.True(beforeKill is 1 or 2, $"{beforeKill} poll(s) before the kill; the bot must die mid-way");
        Assert.Contains(polls, p => p.Time() > killed);
        Assert.Contains(prometheus.Requests, r => r.At > killed);
        Assert.All(polls, p => Assert.StartsWith("check error-rate: pass", p.Summary(), StringComparison.Ordinal));
        Assert.StartsWith("check error-rate: pass (3 in a row)", polls[^1].Summary(), StringComparison.Ordinal);
        Assert.Single(incident.Events("VerificationPassed"));
    }

    [Fact]
    public async Task Restart_DuringNonIdempotentStep_InterruptedNotResentAndContinueMovesOn()
    {
        // Arrange: the deploy endpoint holds the request for 10 s.
        using var runbooks = new TargetRunbooks();
        await using var target = await LoopbackTarget.StartAsync(async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            await LoopbackTarget.ReplyAsync(ctx, 200);
        });
        await using var bot = await BotProcess.StartNewAsync(Environment(runbooks, target));
        var id = await IncidentApi.ApprovedAsync(bot.Http, "held-call");
        await WaitUntilAsync(() => target.CountOf("/hold") == 1, "the step reached the stand-in");

        // Act
        await bot.KillAsync();
        await bot.StartAsync();
        var failed = await IncidentApi.WaitForStateAsync(bot.Http, id, "executionFailed", () => bot.Output);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a re-run would have reached the stand-in by now
        var sentAfterRestart = target.CountOf("/hold");
        var card = await IncidentApi.CardAsync(bot.Http, id);
        var payload = await ExecutionFailedPayloadAsync(bot, id);
        await IncidentApi.AppliedAsync(bot.Http, "alice", $"/incident continue {id} deployed by hand");
        var verifying = await IncidentApi.WaitForStateAsync(bot.Http, id, "verifying", () => bot.Output);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(1, sentAfterRestart);
        Assert.Equal(0, payload.GetProperty("interruptedAt").GetInt32());
        Assert.Contains("The bot stopped during step 1 (hold)", Assert.Single(failed.Events("ExecutionFailed")).Summary(), StringComparison.Ordinal);
        Assert.Contains("The bot stopped during step 1", card.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Retry", card.ButtonLabels());
        Assert.Contains("Step 1 done by hand: continue", card.ButtonLabels());
        Assert.Single(verifying.Events("ExecutionContinued"));
        Assert.Single(verifying.Events("ExecutionSucceeded"));
        Assert.Equal(1, target.CountOf("/hold"));
    }

    private static Dictionary<string, string> Environment(TargetRunbooks runbooks, LoopbackTarget target, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["Runbooks__Directory"] = runbooks.Directory,
            ["Executors__Settings__target"] = target.BaseUrl,
            ["Outbox__PollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in extra) environment[key] = value;
        return environment;
    }

    private static async Task<JsonElement> ExecutionFailedPayloadAsync(BotProcess bot, string id)
    {
        var timeline = await bot.Http.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/timeline?format=json");
        return timeline.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "ExecutionFailed").GetProperty("payload");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + IncidentApi.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {IncidentApi.Patience.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
