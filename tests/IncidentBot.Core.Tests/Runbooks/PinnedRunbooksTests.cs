using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>Editing a runbook file never changes a running incident: it keeps the version it was declared with.</summary>
public sealed class PinnedRunbooksTests : IDisposable
{
    private readonly EngineHarness h = new();
    private readonly string folder = Directory.CreateTempSubdirectory("pinned-").FullName;

    [Fact]
    public async Task HandleAsync_RunbookEditedAfterDeclare_RunningIncidentKeepsOriginalAndNewIncidentUsesEdit()
    {
        var running = await h.DriveToAsync(IncidentState.ContainmentChoice);
        var edited = EditedEngine();

        var oldOptions = (await edited.Engine.HandleAsync(Console("alice", $"/incident contain {running}"), CancellationToken.None)).Replies[0].Card.Text;
        var declared = await edited.Engine.HandleAsync(Console("alice", "/incident declare Again sev2 service=assistant runbook=test-drift"), CancellationToken.None);
        await edited.Engine.HandleAsync(Console("alice", $"/incident triage {declared.IncidentId} sev2"), CancellationToken.None);
        var newOptions = (await edited.Engine.HandleAsync(Console("alice", $"/incident contain {declared.IncidentId}"), CancellationToken.None)).Replies[0].Card.Text;

        Assert.NotEqual(h.Runbook.ContentHash, edited.Runbook.ContentHash);
        Assert.Contains("Roll back the prompt (", oldOptions, StringComparison.Ordinal);
        Assert.DoesNotContain("EDITED", oldOptions, StringComparison.Ordinal);
        Assert.Contains("Roll back the prompt EDITED", newOptions, StringComparison.Ordinal);
        var (oldIncident, oldRunbook) = (await edited.Engine.LoadAsync(running, CancellationToken.None))!.Value;
        var (newIncident, newRunbook) = (await edited.Engine.LoadAsync(declared.IncidentId!, CancellationToken.None))!.Value;
        Assert.Equal((h.Runbook.ContentHash, "1"), (oldIncident.RunbookHash, oldRunbook.Version));
        Assert.Equal((edited.Runbook.ContentHash, "2"), (newIncident.RunbookHash, newRunbook.Version));
    }

    [Fact]
    public async Task HandleAsync_RunbookEditedAfterDeclare_ChoiceUsesPinnedOptionTitle()
    {
        var running = await h.DriveToAsync(IncidentState.ContainmentChoice);
        var edited = EditedEngine();

        await edited.Engine.HandleAsync(Console("alice", $"/incident contain {running} rollback-prompt"), CancellationToken.None);

        var incident = (await edited.Engine.LoadAsync(running, CancellationToken.None))!.Value.Incident;
        Assert.Equal("Roll back the prompt", incident.Current!.OptionTitle);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (IncidentEngine Engine, Runbook Runbook) EditedEngine()
    {
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Support", "Runbooks", "test-drift.yaml"));
        var text = original.Replace("version: \"1\"", "version: \"2\"", StringComparison.Ordinal)
                           .Replace("title: Roll back the prompt", "title: Roll back the prompt EDITED", StringComparison.Ordinal);
        Assert.NotEqual(original, text);
        File.WriteAllText(Path.Combine(folder, "test-drift.yaml"), text);
        var loaded = RunbookCatalog.LoadDirectory(folder);
        Assert.Empty(loaded.Problems);
        var engine = new IncidentEngine(h.Store, h.Store, h.Store, h.Store, h.Changes, new PinnedRunbooks(loaded.Catalog, h.Store), h.People, new EngineOptions(), h.Clock);
        return (engine, loaded.Catalog.Find("test-drift")!);
    }

    private static CommandEnvelope Console(string user, string text) => new(Evidence.Surfaces.Console, user, text);
}
