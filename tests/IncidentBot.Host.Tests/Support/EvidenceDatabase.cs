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

    public string KeyPath => System.IO.Path.Combine(folder, SqliteStoreOptions.DefaultSigningKeyFile);

    /// <summary>Declares, triages, chooses and approves a containment on the shipped drift runbook; returns the incident id.</summary>
    public async Task<string> RunIncidentAsync()
    {
        var id = (await SayAsync("alice", "/incident declare Refund promises sev2 service=support-assistant runbook=ai-assistant-drift")).IncidentId!;
        Assert.Equal(CommandOutcome.Applied, (await SayAsync("alice", $"/incident triage {id} sev2 prompt")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await SayAsync("alice", $"/incident contain {id} force-human-review")).Outcome);
        Assert.Equal(CommandOutcome.Refused, (await SayAsync("alice", $"/incident approve {id}")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await SayAsync("bob", $"/incident approve {id}")).Outcome);
        return id;
    }

    /// <summary>One command through a real engine on this file (store opened and closed around it).</summary>
    public async Task<CommandResult> SayAsync(string user, string text)
    {
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = Path }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return await ShippedRunbookEngine.On(store).SayAsync(user, text);
    }

    /// <summary>The stored events of a stream, read through a store.</summary>
    public async Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream)
    {
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = Path }, TimeProvider.System);
        return await store.ReadStreamAsync(stream, CancellationToken.None);
    }

    /// <summary>Runs SQL on a raw connection, as an intruder with the file would.</summary>
    public async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, sql);
    }

    /// <summary>Writes an event's fields over the stored row with the same event id, or inserts it when there is none
    /// (the append-only triggers dropped first, as an intruder would).</summary>
    public async Task WriteEventAsync(EvidenceEvent e)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, "DROP TRIGGER IF EXISTS events_append_only_u; DROP TRIGGER IF EXISTS events_append_only_d;");
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO events (stream, seq, event_id, type, actor, surface, occurred_utc, payload, runbook_version, prev_hash, hash)
            VALUES ($stream, $seq, $id, $type, $actor, $surface, $at, $payload, $runbook, $prev, $hash)
            ON CONFLICT (event_id) DO UPDATE SET actor = excluded.actor, payload = excluded.payload,
                prev_hash = excluded.prev_hash, hash = excluded.hash;
            """;
        command.Parameters.AddWithValue("$stream", e.Stream);
        command.Parameters.AddWithValue("$seq", e.Seq);
        command.Parameters.AddWithValue("$id", e.EventId);
        command.Parameters.AddWithValue("$type", e.Type);
        command.Parameters.AddWithValue("$actor", e.Actor);
        command.Parameters.AddWithValue("$surface", e.Surface);
        command.Parameters.AddWithValue("$at", EvidenceHasher.FormatTime(e.OccurredUtc));
        command.Parameters.AddWithValue("$payload", e.PayloadJson);
        command.Parameters.AddWithValue("$runbook", (object?)e.RunbookVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$prev", e.PrevHash);
        command.Parameters.AddWithValue("$hash", e.Hash);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Closes every pooled connection so the WAL is folded into the main file (for byte-level tampering).</summary>
    public static void CloseAll() => SqliteConnection.ClearAllPools();

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
