using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>The database refuses to change evidence, and when someone forces it anyway the verifier names the event.</summary>
public sealed class SqliteStoreTamperTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("UPDATE events SET payload = '{}' WHERE seq = 1")]
    [InlineData("DELETE FROM events WHERE seq = 1")]
    public async Task RawStatement_OnStoredEvent_IsRefusedByTheDatabase(string sql)
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);

        // Act
        var error = await Assert.ThrowsAsync<SqliteException>(() => db.ExecuteRawAsync(sql));

        // Assert
        Assert.Contains("events are append-only", error.Message, StringComparison.Ordinal);
        Assert.True((await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None)).Ok);
    }

    [Theory]
    [InlineData("payload = '{\"approved\":false}'")]
    [InlineData("actor = 'mallory'")]
    [InlineData("type = 'ApprovalGranted'")]
    [InlineData("occurred_utc = '2026-11-22T08:00:00.0000000Z'")]
    [InlineData("runbook_version = NULL")]
    public async Task VerifyAsync_OneEventEditedAmongSeveralIncidents_NamesExactlyThatEvent(string edit)
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await SeedIncidentsAsync(store, incidents: 3, notesEach: 4);
        var victim = (await store.ReadStreamAsync("INC-2", None))[2];
        await db.ExecuteRawAsync($"""
            DROP TRIGGER events_append_only_u;
            UPDATE events SET {edit} WHERE stream = 'INC-2' AND seq = 3;
            """);

        // Act
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None);

        // Assert
        Assert.False(report.Ok);
        Assert.Equal((3, 15L), (report.StreamCount, report.EventCount));
        var fault = Assert.IsType<EvidenceFault>(report.FirstFault);
        Assert.Equal(("INC-2", 3L, victim.EventId), (fault.Stream, fault.Seq, fault.EventId));
        Assert.Equal("content does not match its hash", fault.Reason);
        Assert.StartsWith($"INC-2 #3 ({fault.Type}, event {victim.EventId}): content does not match its hash",
            fault.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", 2, "INC-1: event #2 is missing (sequence jumps from 1 to 3)")]
    [InlineData("1", 1, "INC-1: event #1 is missing (the stream starts at 2)")]
    [InlineData("2, 3", 2, "INC-1: events #2 to #3 are missing (sequence jumps from 1 to 4)")]
    public async Task VerifyAsync_EventsDeleted_NamesTheFirstMissingSeq(string deletedSeqs, long expectedSeq,
        string expected)
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await SeedIncidentsAsync(store, incidents: 2, notesEach: 3);
        await db.ExecuteRawAsync($"""
            DROP TRIGGER events_append_only_d;
            DELETE FROM events WHERE stream = 'INC-1' AND seq IN ({deletedSeqs});
            """);

        // Act
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None);

        // Assert
        Assert.False(report.Ok);
        var fault = Assert.IsType<EvidenceFault>(report.FirstFault);
        Assert.Equal(("INC-1", expectedSeq), (fault.Stream, fault.Seq));
        Assert.Equal(expected, fault.ToString());
    }

    [Fact]
    public async Task VerifyAsync_LinkRewrittenAndRehashed_NamesTheBrokenLink()
    {
        // Arrange: the intruder re-points event 3 at a made-up predecessor and recomputes its hash, so event 3 is
        // consistent with itself; only the chain shows the edit.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await SeedIncidentsAsync(store, incidents: 1, notesEach: 4);
        var victim = (await store.ReadStreamAsync("INC-1", None))[2];
        var forged = victim with { PrevHash = new string('f', 64) };
        await db.ExecuteRawAsync($"""
            DROP TRIGGER events_append_only_u;
            UPDATE events SET prev_hash = '{forged.PrevHash}', hash = '{EvidenceHasher.ComputeHash(forged)}'
            WHERE event_id = '{victim.EventId}';
            """);

        // Act
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None);

        // Assert
        var fault = Assert.IsType<EvidenceFault>(report.FirstFault);
        Assert.Equal(("INC-1", 3L, victim.EventId), (fault.Stream, fault.Seq, fault.EventId));
        Assert.StartsWith("previous-hash link broken", fault.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_EventsAfterTheEditedOne_AreNotBlamed()
    {
        // Arrange: two edits in one stream; the report must name the earlier one.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await SeedIncidentsAsync(store, incidents: 1, notesEach: 5);
        await db.ExecuteRawAsync("""
            DROP TRIGGER events_append_only_u;
            UPDATE events SET payload = '{"n":99}' WHERE stream = 'INC-1' AND seq IN (2, 5);
            """);

        // Act
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None);

        // Assert
        Assert.Equal(2L, report.FirstFault?.Seq);
    }

    private static async Task SeedIncidentsAsync(SqliteStore store, int incidents, int notesEach)
    {
        for (var i = 0; i < incidents; i++)
        {
            var stream = (await store.AppendAsync(Drafts.Declare($"incident {i}"), None)).Appended().Stream;
            for (var n = 0; n < notesEach; n++) await store.AppendAsync(Drafts.Notes(stream, n + 1, 1), None);
        }
    }
}
