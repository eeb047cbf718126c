using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary>
/// <c>evidence verify</c> against an intruder who can write the database file but does not hold the signing key:
/// each tampering from issue 8 exits 1 and names what and where.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvidenceTamperTests : IDisposable
{
    private readonly EvidenceDatabase db = new();

    [Fact]
    public async Task Verify_StreamTailCut_ExitsOneNamingTheRemovedEvents()
    {
        // Arrange
        var id = await db.RunIncidentAsync();
        await db.ExecuteRawAsync($"DROP TRIGGER events_append_only_d; DELETE FROM events WHERE stream = '{id}' AND seq = 5;");

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"{id}: the stream ends at #4 but the checkpoints record #5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WholeStreamDeleted_ExitsOneNamingTheMissingStream()
    {
        // Arrange: the intruder removes every trace of the first incident except the signed checkpoints.
        var first = await db.RunIncidentAsync();
        await db.RunIncidentAsync();
        await db.ExecuteRawAsync($"""
            DROP TRIGGER events_append_only_d;
            DELETE FROM events WHERE stream = '{first}';
            DELETE FROM deliveries WHERE stream = '{first}';
            DELETE FROM conversations WHERE incident_id = '{first}';
            DELETE FROM incidents WHERE id = '{first}';
            """);

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"{first}: the stream is missing: the checkpoints record 5 events", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(2)]
    public async Task Verify_EventRewrittenAndRestOfChainRehashed_ExitsOneNamingTheRewrittenStream(int fromSeq)
    {
        // Arrange: every hash is recomputed from the edited event on, so each chain link is consistent again.
        var id = await db.RunIncidentAsync();
        var events = await db.ReadStreamAsync(id);
        var prev = events[fromSeq - 2].Hash;
        foreach (var e in events.Skip(fromSeq - 1))
        {
            var edited = e.Seq == fromSeq ? e with { Actor = "mallory", PayloadJson = e.PayloadJson.Replace("bob", "mallory", StringComparison.Ordinal) } : e;
            var relinked = edited with { PrevHash = prev };
            relinked = relinked with { Hash = EvidenceHasher.ComputeHash(relinked) };
            await db.WriteEventAsync(relinked);
            prev = relinked.Hash;
        }

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"{id} #5: the last event's hash", output, StringComparison.Ordinal);
        Assert.Contains("the stream was rewritten and re-hashed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ForgedEventAppendedWithCorrectHash_ExitsOneNamingIt()
    {
        // Arrange
        var id = await db.RunIncidentAsync();
        var last = (await db.ReadStreamAsync(id))[^1];
        var forged = last with { Seq = 6, EventId = Guid.NewGuid().ToString("D"), Type = "NoteAdded", Actor = "bob",
            PayloadJson = """{"text":"all good"}""", PrevHash = last.Hash };
        await db.WriteEventAsync(forged with { Hash = EvidenceHasher.ComputeHash(forged) });

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"{id} #6: events #6 to #6 are not covered by any signed checkpoint", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OnlyIncidentsTableEdited_ExitsOneNamingTheRowAndField()
    {
        // Arrange
        var id = await db.RunIncidentAsync();
        await db.ExecuteRawAsync($"UPDATE incidents SET title = 'Nothing happened', state = 'Closed' WHERE id = '{id}';");

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"incidents row {id}: title is 'Nothing happened' where the events say 'Refund promises'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DrillBesideARealIncident_ExitsZero()
    {
        // Arrange: the drill's row (drill = 1, covered by its checksum) agrees with the fold of its events.
        await db.RunIncidentAsync();
        var drill = await db.SayAsync("alice", "/incident drill ai-assistant-drift sev3");
        Assert.Equal(CommandOutcome.Applied, drill.Outcome);
        Assert.Equal(CommandOutcome.Applied, (await db.SayAsync("alice", $"/incident triage {drill.IncidentId} sev3 prompt")).Outcome);

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Verify_RealIncidentRowMarkedAsDrill_ExitsOneNamingTheDrillField()
    {
        // Arrange: only the flag changes, so every other column still agrees with the events.
        var id = await db.RunIncidentAsync();
        await db.ExecuteRawAsync($"UPDATE incidents SET drill = 1 WHERE id = '{id}';");

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"incidents row {id}: drill is 'True' where the events say 'False'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PinnedRunbookTextEdited_ExitsOneNamingTheRunbook()
    {
        // Arrange
        await db.RunIncidentAsync();
        await db.ExecuteRawAsync("""
            DROP TRIGGER runbook_versions_append_only_u;
            UPDATE runbook_versions SET source_text = replace(source_text, 'required: 1', 'required: 0');
            """);

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("runbook_versions row ai-assistant-drift", output, StringComparison.Ordinal);
        Assert.Contains("the stored text does not match its pinned hash", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleEventDeleted_ExitsOneNamingTheGap()
    {
        // Arrange
        var id = await db.RunIncidentAsync();
        await db.ExecuteRawAsync($"DROP TRIGGER events_append_only_d; DELETE FROM events WHERE stream = '{id}' AND seq = 3;");

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Equal($"ALTERED: {id}: event #3 is missing (sequence jumps from 2 to 4)", output.Trim());
    }

    [Theory]
    [InlineData("DROP TRIGGER checkpoints_append_only_u; UPDATE checkpoints SET deliveries = deliveries + 1 WHERE number = 3;", "checkpoint #3: content does not match its hash")]
    [InlineData("DROP TRIGGER checkpoints_append_only_d; DELETE FROM checkpoints WHERE number = 2;", "checkpoint #2 is missing")]
    [InlineData("UPDATE deliveries SET seq = 9 WHERE seq = 3;", "which is not an event")]
    [InlineData("DELETE FROM deliveries WHERE seq = 3;", "deliveries rows: the store has 4 but latest checkpoint #5 records 5")]
    [InlineData("UPDATE incident_counter SET last = 7;", "incident id counter: the store has 7 but latest checkpoint #5 records 1")]
    [InlineData("DROP TRIGGER checkpoints_append_only_d; DELETE FROM checkpoints;", "no checkpoint: 5 events are not covered by any signed checkpoint")]
    public async Task Verify_RowEditedBesideTheEvents_ExitsOneNamingIt(string sql, string expected)
    {
        // Arrange
        await db.RunIncidentAsync();
        await db.ExecuteRawAsync(sql);

        // Act
        var (code, output) = await VerifyAsync();

        // Assert
        Assert.Equal(1, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> VerifyAsync()
    {
        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        return (code, output + error);
    }

    public void Dispose() => db.Dispose();
}
