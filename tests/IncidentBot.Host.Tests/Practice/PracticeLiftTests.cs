using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Support.IncidentApi;

namespace IncidentBot.Host.Tests.Practice;

/// <summary>
/// What the bot says it did is what happened: <c>force-human-review</c> from the shipped runbook, applied and lifted
/// through the console against the practice service over real HTTP, with nothing but the bot's own configuration.
/// </summary>
public sealed class PracticeLiftTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync("Development");

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Lift_ForceHumanReviewApprovedAndExecuted_ControlReallyOffAndCardAndEvidenceAgree()
    {
        // Arrange: the control is chosen, approved and executed; the practice service really has it on.
        var declared = await AppliedAsync(bot.Http, "alice", "/incident declare Refund answers drift sev2 service=support-assistant runbook=ai-assistant-drift");
        var id = declared.GetProperty("incidentId").GetString()!;
        await AppliedAsync(bot.Http, "alice", $"/incident triage {id} sev2 workflow");
        await AppliedAsync(bot.Http, "alice", $"/incident contain {id} force-human-review");
        await AppliedAsync(bot.Http, "bob", $"/incident approve {id}");
        await WaitForAsync(bot.Http, id, i => i.State() == "verifying", "verifying after the control ran");
        Assert.Equal(["refunds"], await ForceHumanReviewPathsAsync());
        await AppliedAsync(bot.Http, "alice", $"/incident recovered {id}");
        Assert.Equal("restricted: force-human-review", await ServiceModeAsync(id));

        // Act: lift it; bob approves, and the same step runs again with control.enabled = false.
        await AppliedAsync(bot.Http, "alice", $"/incident lift {id} force-human-review");
        await AppliedAsync(bot.Http, "bob", $"/incident approve {id}");
        var incident = await WaitForAsync(bot.Http, id, i => i.Events("ExecutionSucceeded").Count == 2 || i.Events("ExecutionFailed").Count > 0,
            "done executing the lift");

        // Assert: the practice service's control is off, the card says fully live, and the step's evidence says false.
        Assert.Empty(incident.Events("ExecutionFailed"));
        Assert.Empty(await ForceHumanReviewPathsAsync());
        Assert.Equal("fully live", await ServiceModeAsync(id));
        var steps = incident.Events("StepCompleted").Select(e => e.Summary()).Where(s => s.Contains("enable-review", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, steps.Count);
        var port = bot.Http.BaseAddress!.Port;
        Assert.Contains($"POST http://127.0.0.1:{port}/practice/controls -> 200", steps[0], StringComparison.Ordinal);
        Assert.Contains("\"enabled\":true", steps[0], StringComparison.Ordinal);
        Assert.Contains($"POST http://127.0.0.1:{port}/practice/controls -> 200", steps[1], StringComparison.Ordinal);
        Assert.Contains("\"enabled\":false", steps[1], StringComparison.Ordinal);
    }

    private async Task<List<string?>> ForceHumanReviewPathsAsync() =>
        (await PracticeClient.HealthAsync(bot)).GetProperty("controls").GetProperty("force_human_review").EnumerateArray().Select(p => p.GetString()).ToList();

    /// <summary>The card's Service mode, as <c>/incident status</c> shows it.</summary>
    private async Task<string?> ServiceModeAsync(string id)
    {
        var status = await SayAsync(bot.Http, "alice", $"/incident status {id}");
        Assert.Equal("answered", status.GetProperty("outcome").GetString());
        var card = status.GetProperty("replies")[0].GetProperty("card");
        return card.GetProperty("fields").EnumerateArray()
            .Where(f => f.GetProperty("label").GetString() == "Service mode")
            .Select(f => f.GetProperty("value").GetString())
            .SingleOrDefault();
    }
}
