using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Changes;

/// <summary>Where a rollback goes: from the live version to the last approved version before it.</summary>
public sealed class ChangeLogTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Contain_V41ThenV42Approved_RollsBackFromV42ToV41()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);

        var current = (await h.LoadAsync(id)).Current!;

        Assert.Equal(("v42", "v41"), (current.FromVersion, current.ToVersion));
    }

    [Fact]
    public async Task Contain_V42NotApproved_StillRollsBackFromV42ToV41()
    {
        await RecordAsync("v41", approved: true, -180);
        await RecordAsync("v42", approved: false, -40);
        var id = await DeclareAndTriageAsync();

        var result = await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var current = (await h.LoadAsync(id)).Current!;
        Assert.Equal(("v42", "v41"), (current.FromVersion, current.ToVersion));
    }

    [Fact]
    public async Task Contain_OnlyOneVersionRecorded_IsRefusedWithAReason()
    {
        await RecordAsync("v42", approved: true, -40);
        var id = await DeclareAndTriageAsync();

        var result = await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("No earlier approved version of the prompt layer of 'assistant'", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.ContainmentChoice, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task ResolveRollbackAsync_SkipsUnapprovedAndLiveVersions()
    {
        await RecordAsync("v40", approved: true, -300);
        await RecordAsync("v41", approved: false, -200);
        await RecordAsync("v42", approved: true, -100);
        await RecordAsync("v42", approved: true, -50);

        var target = await h.Changes.ResolveRollbackAsync("assistant", "prompt", CancellationToken.None);

        Assert.Equal(new RollbackTarget("v42", "v40"), target);
    }

    [Fact]
    public async Task ResolveRollbackAsync_OtherLayerOrService_IsIgnored()
    {
        await RecordAsync("v42", approved: true, -40);
        await h.Changes.RecordAsync(new ChangeRecord("assistant", "retrieval", "idx-7", "dana", EngineHarness.Start.AddHours(-5), true, ""), "api", Surfaces.Api, CancellationToken.None);
        await h.Changes.RecordAsync(new ChangeRecord("billing", "prompt", "v1", "dana", EngineHarness.Start.AddHours(-5), true, ""), "api", Surfaces.Api, CancellationToken.None);

        Assert.Null(await h.Changes.ResolveRollbackAsync("assistant", "prompt", CancellationToken.None));
    }

    [Theory]
    [InlineData("", "prompt", "v1", "dana", "service")]
    [InlineData("assistant", "vibes", "v1", "dana", "layer")]
    [InlineData("assistant", "prompt", "", "dana", "version")]
    [InlineData("assistant", "prompt", "v1", "", "deployedBy")]
    public void Validate_InvalidChange_NamesTheField(string service, string layer, string version, string by, string field)
    {
        var problems = ChangeLog.Validate(new ChangeRecord(service, layer, version, by, EngineHarness.Start, true, ""));

        Assert.StartsWith(field + ":", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeployedAnHourAheadOfTheClock_IsAProblem()
    {
        var now = EngineHarness.Start;

        var problems = ChangeLog.Validate(new ChangeRecord("assistant", "prompt", "v43", "ci", now.AddHours(1), true, ""), now);

        Assert.StartsWith("deployedUtc:", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeployedWithinClockSkew_IsAccepted()
    {
        var now = EngineHarness.Start;

        var problems = ChangeLog.Validate(new ChangeRecord("assistant", "prompt", "v43", "ci", now.AddMinutes(2), true, ""), now);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task RecordAsync_DeployedInTheFuture_IsRefusedAndNotStored()
    {
        var future = new ChangeRecord("assistant", "prompt", "v99", "ci", h.Clock.GetUtcNow().AddDays(30), true, "");

        await Assert.ThrowsAsync<ArgumentException>(() => h.Changes.RecordAsync(future, "api", Surfaces.Api, CancellationToken.None));

        Assert.Empty(await h.EventsAsync(Streams.Changes));
    }

    private Task RecordAsync(string version, bool approved, int minutesAgo) =>
        h.Changes.RecordAsync(new ChangeRecord("assistant", "prompt", version, "dana", EngineHarness.Start.AddMinutes(minutesAgo), approved, ""),
            "api", Surfaces.Api, CancellationToken.None);

    private async Task<string> DeclareAndTriageAsync()
    {
        var id = (await h.SendAsync("alice", "/incident declare Drift sev2 service=assistant runbook=test-drift")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2 prompt");
        return id;
    }
}
