using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Incidents;

/// <summary>A rollback with <c>moves_with</c>: the embeddings and the index built with them move back together.</summary>
public sealed class CoupledRollbackTests
{
    private const string Service = "search-assistant";
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Contain_CoupledRollback_ResolvesBothMovesAndTheApprovalConfirmShowsBoth()
    {
        await SeedAsync("embeddings", "emb-v2", "emb-v3");
        await SeedAsync("retrieval", "idx-8", "idx-9");

        var id = await ChooseAsync();
        var incident = await h.LoadAsync(id);
        var card = IncidentCards.Status(incident, h.Catalog.Find("test-coupled")!);

        Assert.Equal([new LayerMove("embeddings", "emb-v3", "emb-v2"), new LayerMove("retrieval", "idx-9", "idx-8")], incident.Current!.Moves);
        var approve = Assert.Single(card.Buttons, b => b.Label == "Approve");
        Assert.Contains("embeddings emb-v3 → emb-v2, retrieval idx-9 → idx-8", approve.Confirm!.Text, StringComparison.Ordinal);
        Assert.Contains(card.Fields, f => f.Label == "Containment" && f.Value.Contains("(embeddings emb-v3 → emb-v2, retrieval idx-9 → idx-8)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contain_CoupledLayerWithNothingToRollBackTo_IsRefusedAndNothingIsChosen()
    {
        await SeedAsync("embeddings", "emb-v2", "emb-v3");

        var id = await DeclareAndTriageAsync();
        var reply = await h.SendAsync("alice", $"/incident contain {id} rollback-embeddings");

        Assert.Equal(CommandOutcome.Refused, reply.Outcome);
        Assert.Contains("moves embeddings together with retrieval", reply.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.ContainmentChoice, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Baseline_CoupledRollback_RecordsBothLayersBackAsTheBot()
    {
        await SeedAsync("embeddings", "emb-v2", "emb-v3");
        await SeedAsync("retrieval", "idx-8", "idx-9");
        var context = await ExecutingContextAsync();

        var outcome = await new BaselineExecutor(h.Changes, h.Clock).ExecuteAsync(context, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Contains("with retrieval idx-9 → idx-8", outcome.Summary, StringComparison.Ordinal);
        foreach (var (layer, version) in new[] { ("embeddings", "emb-v2"), ("retrieval", "idx-8") })
        {
            var live = (await h.Changes.CurrentAsync(Service, layer, CancellationToken.None))!;
            Assert.Equal((version, $"incidentbot ({context.Incident.Id})"), (live.Version, live.DeployedBy));
        }
    }

    [Fact]
    public async Task Baseline_CoupledLayerMovedSinceApproval_FailsAndRecordsNeither()
    {
        await SeedAsync("embeddings", "emb-v2", "emb-v3");
        await SeedAsync("retrieval", "idx-8", "idx-9");
        var context = await ExecutingContextAsync();
        await h.Changes.RecordAsync(new ChangeRecord(Service, "retrieval", "idx-10", "dana", h.Clock.GetUtcNow(), true, ""), "api", Surfaces.Api, CancellationToken.None);

        var outcome = await new BaselineExecutor(h.Changes, h.Clock).ExecuteAsync(context, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("retrieval of search-assistant is at idx-10, not idx-9", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal("emb-v3", (await h.Changes.CurrentAsync(Service, "embeddings", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task TemplateValues_CoupledRollback_NameEachCoupledLayersVersions()
    {
        await SeedAsync("embeddings", "emb-v2", "emb-v3");
        await SeedAsync("retrieval", "idx-8", "idx-9");
        var context = await ExecutingContextAsync();

        var values = TemplateValues.For(context.Incident, context.Containment, new Dictionary<string, string>(), new Dictionary<string, string>());

        Assert.Equal(("emb-v2", "idx-9", "idx-8"), (values["to_version"], values["moves_with.retrieval.from_version"], values["moves_with.retrieval.to_version"]));
    }

    private async Task SeedAsync(string layer, string good, string bad)
    {
        await h.Changes.RecordAsync(new ChangeRecord(Service, layer, good, "dana", EngineHarness.Start.AddDays(-3), true, ""), "api", Surfaces.Api, CancellationToken.None);
        await h.Changes.RecordAsync(new ChangeRecord(Service, layer, bad, "dana", EngineHarness.Start.AddMinutes(-30), true, ""), "api", Surfaces.Api, CancellationToken.None);
    }

    private async Task<string> DeclareAndTriageAsync()
    {
        var id = (await h.SendAsync("alice", $"/incident declare Wrong answers sev2 service={Service} runbook=test-coupled")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2 embeddings");
        return id;
    }

    private async Task<string> ChooseAsync()
    {
        var id = await DeclareAndTriageAsync();
        var chosen = await h.SendAsync("alice", $"/incident contain {id} rollback-embeddings");
        Assert.Equal(CommandOutcome.Applied, chosen.Outcome);
        return id;
    }

    private async Task<StepContext> ExecutingContextAsync()
    {
        var id = await ChooseAsync();
        await h.SendAsync("bob", $"/incident approve {id}");
        var incident = await h.LoadAsync(id);
        var option = h.Catalog.Find("test-coupled")!.FindOption("rollback-embeddings")!;
        return new StepContext(incident, incident.Current!, option, option.Steps[0], 0);
    }
}
