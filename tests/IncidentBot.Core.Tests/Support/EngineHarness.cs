using IncidentBot.TestSupport.Time;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Support;

/// <summary>An engine over the in-memory store, the test runbook and three people: alice (on-call, commander),
/// bob and carol (approvers); dave is configured but in no responder group.</summary>
internal sealed class EngineHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public EngineHarness()
    {
        Store = new InMemoryStore();
        Clock = new ManualTimeProvider(Start);
        var loaded = RunbookCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "Support", "Runbooks"));
        Assert.Empty(loaded.Problems);
        Catalog = loaded.Catalog;
        Runbook = loaded.Catalog.Find("test-drift")!;
        People = new PeopleDirectory(new GovernanceOptions
        {
            ResponderGroups = ["oncall", "approvers"],
            People =
            [
                new PersonOptions { Id = "alice", Groups = ["oncall"] },
                new PersonOptions { Id = "bob", Groups = ["approvers"] },
                new PersonOptions { Id = "carol", Groups = ["approvers"] },
                new PersonOptions { Id = "dave", Groups = ["observers"] },
            ],
        });
        Changes = new ChangeLog(Store, Store, Clock);
        Engine = new IncidentEngine(Store, Store, Store, Store, Changes, new PinnedRunbooks(loaded.Catalog, Store), People, new EngineOptions(), Clock);
    }

    public InMemoryStore Store { get; }
    public ManualTimeProvider Clock { get; }
    public RunbookCatalog Catalog { get; }
    public Runbook Runbook { get; }
    public PeopleDirectory People { get; }
    public ChangeLog Changes { get; }
    public IncidentEngine Engine { get; }

    public Task<CommandResult> SendAsync(string user, string text, string? deliveryId = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return Engine.HandleAsync(new CommandEnvelope(Surfaces.Console, user, text, null, deliveryId), CancellationToken.None);
    }

    public Task<CommandResult> ReportAsync(string incidentId, Trigger result, params IncidentEvent[] facts)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return Engine.ReportAsync(incidentId, new SystemResultCommand(result, facts), $"test:{Guid.NewGuid()}", CancellationToken.None);
    }

    public async Task<Incident> LoadAsync(string id) => (await Engine.LoadAsync(id, CancellationToken.None))!.Value.Incident;

    public async Task<IReadOnlyList<EvidenceEvent>> EventsAsync(string id) => await Store.ReadStreamAsync(id, CancellationToken.None);

    /// <summary>Records prompt v41 (approved, 3 h ago) and v42 (approved, 40 min ago) for service assistant.</summary>
    public async Task SeedPromptHistoryAsync()
    {
        await Changes.RecordAsync(new ChangeRecord("assistant", "prompt", "v41", "dana", Start.AddHours(-3), true, ""), "api", Surfaces.Api, CancellationToken.None);
        await Changes.RecordAsync(new ChangeRecord("assistant", "prompt", "v42", "dana", Start.AddMinutes(-40), true, "new tone"), "api", Surfaces.Api, CancellationToken.None);
    }

    /// <summary>Declares a sev2 incident as alice under <paramref name="runbook"/> and drives it into
    /// <paramref name="state"/> through the engine.</summary>
    public async Task<string> DriveToAsync(IncidentState state, string runbook = "test-drift")
    {
        await SeedPromptHistoryAsync();
        var id = (await SendAsync("alice", $"/incident declare Assistant promises refunds sev2 service=assistant runbook={runbook}")).IncidentId!;
        var steps = new List<Func<Task>>();
        Task Say(string user, string text) => SendAsync(user, text.Replace("@", id, StringComparison.Ordinal));
        Task Report(Trigger t, IncidentEvent e) => ReportAsync(id, t, e);
        switch (state)
        {
            case IncidentState.Triage: break;
            case IncidentState.Cancelled: await Say("alice", "/incident cancel @ false alarm"); break;
            default:
                await Say("alice", "/incident triage @ sev2 prompt");
                if (state == IncidentState.ContainmentChoice) break;
                await Say("alice", "/incident contain @ rollback-prompt");
                if (state == IncidentState.AwaitingApproval) break;
                await Say("bob", "/incident approve @");
                if (state == IncidentState.Executing) break;
                if (state == IncidentState.ExecutionFailed) { await Report(Trigger.ExecutionFailed, new ExecutionFailed(1, "rollback-prompt", "move-back", "deploy API down")); break; }
                await Report(Trigger.ExecutionSucceeded, new ExecutionSucceeded(1, "rollback-prompt", "done"));
                if (state == IncidentState.Verifying) break;
                if (state == IncidentState.VerificationFailed) { await Report(Trigger.VerificationFailed, new VerificationFailed("quality", "still bad")); break; }
                await Say("alice", "/incident recovered @");
                if (state == IncidentState.Recovered) break;
                await Say("alice", "/incident review @");
                if (state == IncidentState.InReview) break;
                await Say("alice", "/incident close @");
                break;
        }
        Assert.Equal(state, (await LoadAsync(id)).State);
        return id;
    }
}
