using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Postgres.Tests.Support;
using IncidentBot.Storage.Shared;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreAppendTests
{
    [Fact]
    public async Task AppendAsync_NewIncidentThenNotes_ReadsBackAnIntactChain()
    {
        await using var db = await StoreNodes.StartAsync();
        var store = db.Store;

        var declared = (await store.AppendAsync(Requests.NewIncident("Checkout down"), CancellationToken.None)).Appended();
        var noted = (await store.AppendAsync(Requests.Notes(declared.Stream, 1, 3), CancellationToken.None)).Appended();

        Assert.Equal("INC-1", declared.Stream);
        var stream = await store.ReadStreamAsync("INC-1", CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4], stream.Select(e => e.Seq));
        Assert.Equal([.. declared.Events, .. noted.Events], stream);
        Assert.Equal(EvidenceHasher.Genesis, stream[0].PrevHash);
        for (var i = 0; i < stream.Count; i++)
        {
            Assert.Equal(EvidenceHasher.ComputeHash(stream[i]), stream[i].Hash);
            if (i > 0) Assert.Equal(stream[i - 1].Hash, stream[i].PrevHash);
        }
        Assert.Equal(stream.Skip(2), await store.ReadStreamAfterAsync("INC-1", 2, CancellationToken.None));
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(report.Ok, report.ToString());
        Assert.Equal(4, report.EventCount);
    }

    [Fact]
    public async Task AppendAsync_RepeatedDeliveryId_IsDuplicateOfTheFirstStreamAndWritesNothing()
    {
        await using var db = await StoreNodes.StartAsync();
        var first = (await db.Store.AppendAsync(Requests.NewIncident("One", "slack:evt-1"), CancellationToken.None)).Appended();
        var before = await CountsAsync(db);

        var again = await db.Store.AppendAsync(Requests.NewIncident("One again", "slack:evt-1"), CancellationToken.None);
        var elsewhere = await db.Store.AppendAsync(Requests.Notes(first.Stream, 1, 1, "slack:evt-1"), CancellationToken.None);

        Assert.Equal(new AppendOutcome.Duplicate(first.Stream), again);
        Assert.Equal(new AppendOutcome.Duplicate(first.Stream), elsewhere);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedSeq_IsConflictWithTheHeadAndWritesNothing()
    {
        await using var db = await StoreNodes.StartAsync();
        var declared = (await db.Store.AppendAsync(Requests.NewIncident("Stale"), CancellationToken.None)).Appended();
        await db.Store.AppendAsync(Requests.Notes(declared.Stream, 1, 2), CancellationToken.None);
        var before = await CountsAsync(db);

        var outcome = await db.Store.AppendAsync(Requests.Notes(declared.Stream, 1, 1, "teams:late"), CancellationToken.None);

        Assert.Equal(new AppendOutcome.Conflict(3), outcome);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task AppendAsync_Seal_IsTheSignedCheckpointStoredOverTheMovedHead()
    {
        await using var db = await StoreNodes.StartAsync();
        var declared = (await db.Store.AppendAsync(Requests.NewIncident("Sealed"), CancellationToken.None)).Appended();
        var noted = (await db.Store.AppendAsync(Requests.Notes(declared.Stream, 1, 2), CancellationToken.None)).Appended();

        var checkpoints = await CheckpointsAsync(db);

        Assert.Equal(2, checkpoints.Count);
        Assert.Equal(noted.Seal, checkpoints[1].Hash);
        Assert.Equal(noted.Seal, await db.Store.GetSealAsync(declared.Stream, CancellationToken.None));
        Assert.Equal(declared.Seal, checkpoints[0].Hash);
        Assert.True(checkpoints[0].Full);
        Assert.Equal(checkpoints[0].Hash, checkpoints[1].PrevHash);
        Assert.Equal([new StreamHead(declared.Stream, 3, noted.Events[^1].Hash)], checkpoints[1].Heads);
        Assert.Equal(new CheckpointCounts(0, 1, 1, 0), checkpoints[1].Counts);
        using var publicKey = db.PublicKey();
        foreach (var checkpoint in checkpoints)
        {
            Assert.Equal(checkpoint.Hash, CheckpointHasher.ComputeHash(checkpoint));
            Assert.True(publicKey.Verify(checkpoint.Hash, checkpoint.Signature));
        }
        Assert.Null(await db.Store.GetSealAsync("INC-404", CancellationToken.None));
    }

    [Theory]
    [InlineData("x'); DROP TABLE events; --")]
    [InlineData("\"quoted\" \\ back$lash $1 @s :p ? ünïcødé 🚨")]
    public async Task AppendAsync_HostileStreamAndPayloadText_AreStoredAndReadBackVerbatim(string text)
    {
        await using var db = await StoreNodes.StartAsync();
        var payload = "{\"text\":" + System.Text.Json.JsonSerializer.Serialize(text) + ",\"raw\":\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}";
        var request = new AppendRequest(text, 0, [Requests.Note(payload, type: text) with { Actor = text }], DeliveryId: text);

        var appended = (await db.Store.AppendAsync(request, CancellationToken.None)).Appended();
        var again = await db.Store.AppendAsync(request, CancellationToken.None);

        var stored = Assert.Single(await db.Store.ReadStreamAsync(text, CancellationToken.None));
        Assert.Equal(appended.Events[0], stored);
        Assert.Equal(text, stored.Stream);
        Assert.Equal(text, stored.Type);
        Assert.Equal(text, stored.Actor);
        Assert.Equal(payload, stored.PayloadJson);
        Assert.Equal(new AppendOutcome.Duplicate(text), again);
        Assert.Equal(appended.Seal, await db.Store.GetSealAsync(text, CancellationToken.None));
    }

    private static async Task<(long Events, long Deliveries, long Checkpoints, long Incidents, long Counter)> CountsAsync(StoreNodes db)
    {
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM deliveries), (SELECT count(*) FROM checkpoints),
                   (SELECT count(*) FROM incidents), (SELECT last FROM incident_counter)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4));
    }

    internal static async Task<List<Checkpoint>> CheckpointsAsync(StoreNodes db)
    {
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {StoredRows.CheckpointColumns} FROM checkpoints ORDER BY number", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Checkpoint>();
        while (await reader.ReadAsync()) rows.Add(StoredRows.Checkpoint(reader));
        return rows;
    }
}
