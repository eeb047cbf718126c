using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Execution;

public sealed class TimerRunnerTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Choose_NeedingApproval_SetsReminderEscalationAndExpiryTimers()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);

        var timers = h.Store.Outbox.Where(o => o.Target == JobKind.Timer.Name && o.PayloadJson.Contains(id, StringComparison.Ordinal)).ToList();

        Assert.Equal(["approval-reminder", "approval-escalation", "approval-expiry"],
            timers.Select(t => System.Text.Json.JsonSerializer.Deserialize<TimerJob>(t.PayloadJson, EventCodec.Options)!.Kind));
        Assert.All(timers, t => Assert.True(t.DueUtc > h.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task RunAsync_ReminderRunTwice_FiresOnce()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);
        var timers = new TimerRunner(h.Engine, new EngineOptions());

        await timers.RunAsync(new TimerJob(id, "approval-reminder", 1), CancellationToken.None);
        await timers.RunAsync(new TimerJob(id, "approval-reminder", 1), CancellationToken.None);

        Assert.Single(await h.EventsAsync(id), e => e.Type == nameof(ApprovalReminderSent));
    }

    [Fact]
    public async Task RunAsync_Expiry_ReturnsToTheContainmentChoice()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);

        await new TimerRunner(h.Engine, new EngineOptions()).RunAsync(new TimerJob(id, "approval-expiry", 1), CancellationToken.None);

        var incident = await h.LoadAsync(id);
        Assert.Equal(IncidentState.ContainmentChoice, incident.State);
        Assert.Equal(ContainmentStatus.Rejected, incident.Current!.Status);
    }

    [Fact]
    public async Task RunAsync_TimerAfterApproval_DoesNothing()
    {
        var id = await h.DriveToAsync(IncidentState.Executing);
        var before = (await h.EventsAsync(id)).Count;

        await new TimerRunner(h.Engine, new EngineOptions()).RunAsync(new TimerJob(id, "approval-expiry", 1), CancellationToken.None);

        Assert.Equal(before, (await h.EventsAsync(id)).Count);
        Assert.Equal(IncidentState.Executing, (await h.LoadAsync(id)).State);
    }
}
