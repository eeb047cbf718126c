using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Host.Tests.Support;

/// <summary>A real engine on any store, with the shipped runbooks and two people: alice (oncall) and bob (approvers).</summary>
internal static class ShippedRunbookEngine
{
    public static IncidentEngine On<TStore>(TStore store)
        where TStore : IEvidenceStore, IIncidentReadModel, IConversationReadModel, IChangeReadModel
    {
        var loaded = RunbookCatalog.LoadDirectory(RepoPaths.Runbooks);
        Assert.Empty(loaded.Problems);
        var people = new PeopleDirectory(new GovernanceOptions
        {
            People = [new PersonOptions { Id = "alice", Groups = ["oncall"] }, new PersonOptions { Id = "bob", Groups = ["approvers"] }],
        });
        return new IncidentEngine(store, store, store, store, new ChangeLog(store, store, TimeProvider.System),
            new PinnedRunbooks(loaded.Catalog, store), people, new EngineOptions(), TimeProvider.System);
    }

    /// <summary>One console command by <paramref name="user"/>, with a fresh delivery id.</summary>
    public static Task<CommandResult> SayAsync(this IncidentEngine engine, string user, string text) =>
        engine.HandleAsync(new CommandEnvelope(Surfaces.Console, user, text, DeliveryId: Guid.NewGuid().ToString("N")), CancellationToken.None);
}
