using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>Group commit: writes queued together share one transaction and one fsync, yet each is kept or undone on
/// its own, answered only after the commit that holds it, and as strict about order, duplicates and conflicts.</summary>
public sealed class SqliteStoreGroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Takes the file's write lock with a raw connection (another process), so the store's writer waits in
    /// <c>BEGIN IMMEDIATE</c> while the test queues writes behind it; disposing lets go.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(TestDatabase db)
    {
        var other = db.OpenRawConnection();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return other;
    }

    [Fact]
    public async Task AppendAsync_FiftyQueuedTogether_CommitInAtMostTwoSignedTransactionsEachInItsStreamsOrder()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        for (var k = 1; k <= 5; k++) await store.AppendAsync(Drafts.Notes($"s{k}", 0, 1), None);
        var before = store.GroupCommitStats;
        var holder = await HoldWriteLockAsync(db);

        // Act: every append is queued before the lock is let go, so the writer can take them in one or two batches.
        var appends = Enumerable.Range(0, 50)
            .Select(i => store.AppendAsync(Drafts.Notes($"s{(i % 5) + 1}", i / 5 + 1, 1), None))
            .ToList();
        await holder.DisposeAsync();
        var outcomes = await Task.WhenAll(appends);

        // Assert
        var after = store.GroupCommitStats;
        Assert.All(outcomes, o => o.Appended());
        Assert.Equal(50, after.Writes - before.Writes);
        Assert.InRange(after.Commits - before.Commits, 1, 2);
        for (var i = 0; i < 50; i++)
            Assert.Equal(i / 5 + 2, Assert.Single(outcomes[i].Appended().Events).Seq);
        Assert.True((await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None)).Ok);
        // One signed checkpoint per transaction, over every head it moved; each append's seal is its transaction's.
        Assert.Equal(5 + after.Commits - before.Commits, await db.ScalarRawAsync("SELECT COUNT(*) FROM checkpoints"));
        var seals = outcomes.Select(o => o.Appended().Seal).Distinct().ToList();
        Assert.Equal(after.Commits - before.Commits, seals.Count);
        Assert.Equal(outcomes[^1].Appended().Seal, await store.GetSealAsync("s5", None));
        using var key = EvidenceSigningKey.Load(store.SigningKeyPath);
        var seal = outcomes[0].Appended().Seal;
        var audit = await Audit.SqliteEvidenceAuditor.AuditAsync(db.DatabasePath, key.PublicKey, seal, None);
        Assert.True(audit.Verdict == Shared.Audit.AuditVerdict.Intact, audit.Message);
    }

    [Fact]
    public async Task AppendAsync_DuplicateConflictAndFailureInOneBatch_EachAnsweredAloneAndTheRestCommitted()
    {
        // Arrange: a trigger makes any append carrying the payload {"fail":true} fail at its insert.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Notes("bot", 0, 1), None);
        await db.ExecuteRawAsync("""
            CREATE TRIGGER refuse_fail BEFORE INSERT ON events WHEN NEW.payload = '{"fail":true}'
            BEGIN SELECT RAISE(ABORT, 'refused by test'); END;
            """);
        var failing = new AppendRequest("bot", AppendRequest.AnySeq, [Drafts.Event(payload: """{"fail":true}""")]);
        var holder = await HoldWriteLockAsync(db);

        // Act
        var first = store.AppendAsync(Drafts.Notes("bot", 1, 1, deliveryId: "slack:T1:note-1"), None);
        var again = store.AppendAsync(Drafts.Notes("bot", 1, 1, deliveryId: "slack:T1:note-1"), None);
        var stale = store.AppendAsync(Drafts.Notes("bot", 1, 1), None);
        var refused = store.AppendAsync(failing, None);
        var next = store.AppendAsync(Drafts.Notes("bot", 2, 1), None);
        await holder.DisposeAsync();

        // Assert
        Assert.Equal(2, Assert.Single((await first).Appended().Events).Seq);
        Assert.Equal(new AppendOutcome.Duplicate("bot"), await again);
        Assert.Equal(new AppendOutcome.Conflict(2), await stale);
        Assert.IsType<StoreUnavailableException>(await Record.ExceptionAsync(() => refused));
        Assert.Equal(3, Assert.Single((await next).Appended().Events).Seq);
        Assert.Equal(3, (await store.ReadStreamAsync("bot", None)).Count);
        Assert.Equal(1, await db.ScalarRawAsync("SELECT COUNT(*) FROM deliveries"));
        Assert.True((await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None)).Ok);
    }

    [Fact]
    public async Task AppendAsync_BatchThatCannotBegin_AnswersEveryWriteUnavailableAndWritesNothing()
    {
        // Arrange: the lock is held past the store's busy timeout, so the writer's BEGIN IMMEDIATE gives up.
        await using var db = TestDatabase.Create();
        var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = db.DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(50) },
            TimeProvider.System);
        await store.InitializeAsync(None);
        await store.AppendAsync(Drafts.Notes("bot", 0, 1), None);
        await using var holder = await HoldWriteLockAsync(db);

        // Act
        var appends = Enumerable.Range(0, 3).Select(_ => store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1), None)).ToList();
        var errors = new List<Exception?>();
        foreach (var append in appends) errors.Add(await Record.ExceptionAsync(() => append));
        await holder.DisposeAsync();

        // Assert
        Assert.All(errors, e => Assert.IsType<StoreUnavailableException>(e));
        Assert.Single(await store.ReadStreamAsync("bot", None));
        Assert.Equal(2, Assert.Single((await store.AppendAsync(Drafts.Notes("bot", 1, 1), None)).Appended().Events).Seq);
        store.Dispose();
    }

    [Fact]
    public async Task AppendAsync_AlreadyCancelled_IsNotQueuedAndWritesNothing()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        var error = await Record.ExceptionAsync(() => store.AppendAsync(Drafts.Notes("bot", 0, 1), cancelled.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Empty(await store.ReadStreamAsync("bot", None));
    }
}
