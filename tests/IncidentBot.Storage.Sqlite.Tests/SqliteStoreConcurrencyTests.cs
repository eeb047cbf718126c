using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>
/// Appends racing a writer outside the store: another process holding the file's write lock, and a writer that ignored
/// it. Races between stores (parallel declares, one delivery, one sequence number) are in the store contract.
/// </summary>
public sealed class SqliteStoreConcurrencyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AppendAsync_WhileAnotherProcessHoldsTheWriteLock_WaitsAndThenSeesItsAppend()
    {
        // Arrange: a raw connection plays another process that takes the write lock first.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var first = Assert.Single((await store.AppendAsync(Drafts.Notes("bot", 0, 1), None)).Appended().Events);
        await using var other = db.OpenRawConnection();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();

        // Act: the store must wait for the lock before it even reads the stream head (BEGIN IMMEDIATE); a deferred
        // transaction would read seq 1, then find its snapshot stale at the insert and fail instead.
        var append = Task.Run(() => store.AppendAsync(Drafts.Notes("bot", 1, 1), None));
        await Task.Delay(300);
        var waited = !append.IsCompleted;
        var draft = Drafts.Event();
        var eventId = Guid.NewGuid().ToString();
        await using var insert = other.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO events (stream, seq, event_id, type, actor, surface, occurred_utc, payload, runbook_version, prev_hash, hash)
            VALUES ('bot', 2, '{eventId}', '{draft.Type}', '{draft.Actor}', '{draft.Surface}',
                    '{EvidenceHasher.FormatTime(draft.OccurredUtc)}', '{draft.PayloadJson}', '{draft.RunbookVersion}',
                    '{first.Hash}', '{EvidenceHasher.ComputeHash("bot", 2, eventId, draft, first.Hash)}');
            COMMIT;
            """;
        await insert.ExecuteNonQueryAsync();
        var outcome = await append;

        // Assert
        Assert.True(waited);
        Assert.Equal(new AppendOutcome.Conflict(2), outcome);
        Assert.True((await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None)).Ok);
    }

    [Fact]
    public async Task AppendAsync_UniqueViolationOnStreamSeq_IsReportedAsConflict()
    {
        // Arrange: a trigger takes the slot inside our own insert, as a writer that ignored the lock would.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Notes("bot", 0, 1), None);
        await db.ExecuteRawAsync("""
            CREATE TRIGGER take_the_slot BEFORE INSERT ON events WHEN NEW.event_id <> 'intruder'
            BEGIN
                INSERT INTO events (stream, seq, event_id, type, actor, surface, occurred_utc, payload, prev_hash, hash)
                VALUES (NEW.stream, NEW.seq, 'intruder', 'x', 'x', 'x', NEW.occurred_utc, '{}', NEW.prev_hash, 'x');
            END;
            """);

        // Act
        var outcome = await store.AppendAsync(Drafts.Notes("bot", 1, 1, deliveryId: "d-1"), None);

        // Assert: the failed statement and its transaction left nothing behind.
        Assert.Equal(new AppendOutcome.Conflict(1), outcome);
        Assert.Single(await store.ReadStreamAsync("bot", None));
        Assert.Equal(0, await db.ScalarRawAsync("SELECT COUNT(*) FROM deliveries"));
    }
}
