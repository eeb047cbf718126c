using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;
using IncidentBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Host.Tests.Support;

/// <summary>A real SQLite evidence file in a temporary folder, filled by running an incident through the engine.</summary>
internal sealed class EvidenceDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("incidentbot-evidence-").FullName;

    public string Path => System.IO.Path.Combine(folder, "evidence.db");

    /// <summary>Declares, triages, chooses and approves a containment on the shipped drift runbook; returns the incident id.</summary>
    public async Task<string> RunIncidentAsync()
    {
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = Path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var loaded = RunbookCatalog.LoadDirectory(RepoPaths.Runbooks);
        Assert.Empty(loaded.Problems);
        var people = new PeopleDirectory(new GovernanceOptions
        {
            People = [new PersonOptions { Id = "alice", Groups = ["oncall"] }, new PersonOptions { Id = "bob", Groups = ["approvers"] }],
        });
        var engine = new IncidentEngine(store, store, store, store, new ChangeLog(store, store, TimeProvider.System),
            new PinnedRunbooks(loaded.Catalog, store), people, new EngineOptions(), TimeProvider.System);
        async Task<CommandResult> Say(string user, string text) =>
            await engine.HandleAsync(new CommandEnvelope(Surfaces.Console, user, text), CancellationToken.None);

        var id = (await Say("alice", "/incident declare Refund promises sev2 service=support-assistant runbook=ai-assistant-drift")).IncidentId!;
        Assert.Equal(CommandOutcome.Applied, (await Say("alice", $"/incident triage {id} sev2 prompt")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await Say("alice", $"/incident contain {id} force-human-review")).Outcome);
        Assert.Equal(CommandOutcome.Refused, (await Say("alice", $"/incident approve {id}")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await Say("bob", $"/incident approve {id}")).Outcome);
        return id;
    }

    /// <summary>Edits one event's payload behind the store's back (the append-only trigger dropped first); returns its event id.</summary>
    public async Task<string> AlterPayloadAsync(string stream, long seq)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, "DROP TRIGGER events_append_only_u;");
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT event_id FROM events WHERE stream = $stream AND seq = $seq;";
        select.Parameters.AddWithValue("$stream", stream);
        select.Parameters.AddWithValue("$seq", seq);
        var eventId = (string)(await select.ExecuteScalarAsync())!;
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET payload = replace(payload, 'sev2', 'sev4') WHERE event_id = $id;";
        update.Parameters.AddWithValue("$id", eventId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
        return eventId;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
