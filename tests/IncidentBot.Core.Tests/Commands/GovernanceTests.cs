using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>Who may do what: self-approval, approver groups, quorum, responders, and system results.</summary>
public sealed class GovernanceTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Approve_ByThePersonWhoChoseIt_IsRefusedNamingSelfApprovalAndChangesNothing()
    {
        await h.SeedPromptHistoryAsync();
        var id = (await h.SendAsync("carol", "/incident declare Drift sev2 service=assistant runbook=test-drift")).IncidentId!;
        await h.SendAsync("carol", $"/incident triage {id} sev2");
        await h.SendAsync("carol", $"/incident contain {id} rollback-prompt");
        var before = await h.LoadAsync(id);

        var result = await h.SendAsync("carol", $"/incident approve {id}");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("carol chose 'rollback-prompt' and cannot approve it", result.Replies[0].Card.Text, StringComparison.Ordinal);
        var after = await h.LoadAsync(id);
        Assert.Equal((IncidentState.AwaitingApproval, before.Version), (after.State, after.Version));
        var refused = Assert.IsType<CommandRefused>(Payload((await h.EventsAsync(id))[^1]));
        Assert.Equal(("approve", "Approve"), (refused.Verb, refused.AttemptedTrigger));
        Assert.Contains("cannot approve it", refused.Reason, StringComparison.Ordinal);
        Assert.Equal("carol", (await h.EventsAsync(id))[^1].Actor);
    }

    [Fact]
    public async Task Approve_ByPersonOutsideTheOptionsGroups_IsRefused()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);

        var result = await h.SendAsync("dave", $"/incident approve {id}");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("not in an approver group", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.AwaitingApproval, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Approve_AtSev1_NeedsTwoDistinctApprovers()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);
        await h.SendAsync("alice", $"/incident triage {id} sev1 prompt");
        await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");

        var first = await h.SendAsync("bob", $"/incident approve {id}");
        var again = await h.SendAsync("bob", $"/incident approve {id} really");
        var afterBobTwice = await h.LoadAsync(id);
        var second = await h.SendAsync("carol", $"/incident approve {id}");

        Assert.Equal(CommandOutcome.Applied, first.Outcome);
        Assert.Equal(CommandOutcome.Refused, again.Outcome);
        Assert.Contains("already approved", again.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.AwaitingApproval, afterBobTwice.State);
        Assert.Equal(1, afterBobTwice.Current!.ApprovalsMissing);
        Assert.Equal(CommandOutcome.Applied, second.Outcome);
        var done = await h.LoadAsync(id);
        Assert.Equal(IncidentState.Executing, done.State);
        Assert.Equal(["bob", "carol"], done.Current!.Approvers);
    }

    [Fact]
    public async Task Declare_ByUnknownSurfaceUser_IsRefusedAndRecordedInTheBotStream()
    {
        var result = await h.Engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U999", "/incident declare Fake sev1 runbook=test-drift"), CancellationToken.None);

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Null(result.IncidentId);
        Assert.Contains("not in the governance configuration", result.Replies[0].Card.Text, StringComparison.Ordinal);
        var bot = Assert.Single(await h.EventsAsync(Streams.Bot));
        Assert.Equal("slack:U999", bot.Actor);
        Assert.IsType<CommandRefused>(Payload(bot));
        Assert.Empty(await h.EventsAsync("INC-1"));
    }

    [Fact]
    public async Task Declare_ByPersonOutsideResponderGroups_IsRefusedAndRecordedInTheBotStream()
    {
        var result = await h.SendAsync("dave", "/incident declare Fake sev1 runbook=test-drift");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("not in a responder group", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal("dave", Assert.Single(await h.EventsAsync(Streams.Bot)).Actor);
        Assert.Empty(await h.Store.ListIncidentsAsync(true, CancellationToken.None));
    }

    [Theory]
    [InlineData("dave", "not in a responder group")]
    [InlineData("mallory", "not in the governance configuration")]
    public async Task Triage_ByNonResponder_IsRefusedAndStateUnchanged(string user, string reason)
    {
        var id = await h.DriveToAsync(IncidentState.Triage);

        var result = await h.SendAsync(user, $"/incident triage {id} sev1");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains(reason, result.Replies[0].Card.Text, StringComparison.Ordinal);
        var incident = await h.LoadAsync(id);
        Assert.Equal((IncidentState.Triage, 1), (incident.State, incident.Version));
        Assert.IsType<CommandRefused>(Payload((await h.EventsAsync(id))[^1]));
    }

    [Fact]
    public async Task ExecuteAsync_SystemResultFromAPerson_IsRefused()
    {
        var id = await h.DriveToAsync(IncidentState.Executing);
        var forged = new SystemResultCommand(Trigger.ExecutionSucceeded, [new ExecutionSucceeded(1, "rollback-prompt", "trust me")]) { IncidentId = id };
        var bob = h.People.Resolve(Surfaces.Console, "bob");

        var result = await h.Engine.ExecuteAsync(forged, bob, new CommandEnvelope(Surfaces.Console, "bob", "forged"), CancellationToken.None);

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("Only the bot", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Executing, (await h.LoadAsync(id)).State);
        Assert.DoesNotContain(await h.EventsAsync(id), e => e.Type == nameof(ExecutionSucceeded));
    }

    [Fact]
    public async Task ReportAsync_SystemResultFromTheBot_IsApplied()
    {
        var id = await h.DriveToAsync(IncidentState.Executing);

        var result = await h.ReportAsync(id, Trigger.ExecutionSucceeded, new ExecutionSucceeded(1, "rollback-prompt", "done"));

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
    }

    internal static IncidentEvent? Payload(EvidenceEvent e) => EventCodec.Deserialize(e.Type, e.PayloadJson);
}
