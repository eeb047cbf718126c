using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.Evidence;

/// <summary>The hash chain, the reads over it, and one signed checkpoint (the seal) per commit.</summary>
public abstract class ChainContract : StoreContract
{
    [Fact]
    public async Task AppendAsync_IncidentNotesAndAChange_HashesChainReadsAgreeAndVerifierAccepts()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var store = db.Store;

        // Act
        var declared = (await store.AppendAsync(Drafts.Declare("Checkout down"), None)).Appended();
        var noted = (await store.AppendAsync(Drafts.Notes(declared.Stream, 1, 3), None)).Appended();
        var change = (await store.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0), None)).Appended();
        var events = await store.ReadStreamAsync("INC-1", None);
        var all = new List<EvidenceEvent>();
        await foreach (var e in store.ReadAllAsync(None)) all.Add(e);
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None);

        // Assert
        Assert.Equal("INC-1", declared.Stream);
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Seq));
        Assert.Equal([.. declared.Events, .. noted.Events], events);
        Assert.Equal(EvidenceHasher.Genesis, events[0].PrevHash);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(EvidenceHasher.ComputeHash(events[i]), events[i].Hash);
            if (i > 0) Assert.Equal(events[i - 1].Hash, events[i].PrevHash);
        }
        Assert.Equal(EvidenceHasher.Genesis, Assert.Single(change.Events).PrevHash);
        Assert.Equal(events.Skip(2), await store.ReadStreamAfterAsync("INC-1", 2, None));
        Assert.Empty(await store.ReadStreamAfterAsync("INC-1", 4, None));
        Assert.Empty(await store.ReadStreamAsync("INC-9", None));
        Assert.Equal([.. events, .. change.Events], all.OrderBy(e => e.Stream, StringComparer.Ordinal).ThenBy(e => e.Seq));
        Assert.Equal(new EvidenceVerificationReport(true, 2, 5, null), report);
    }

    [Fact]
    public async Task AppendAsync_EachCommit_WritesOneSignedCheckpointChainedToThePreviousAndReturnsItAsSeal()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var store = db.Store;

        // Act
        var first = (await store.AppendAsync(Drafts.Declare("Sealed"), None)).Appended();
        var second = (await store.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0), None)).Appended();
        var third = (await store.AppendAsync(Drafts.Notes(first.Stream, 1, 2), None)).Appended();

        // Assert
        var checkpoints = await db.CheckpointsAsync();
        Assert.Equal([1L, 2L, 3L], checkpoints.Select(c => c.Number));
        Assert.Equal([first.Seal, second.Seal, third.Seal], checkpoints.Select(c => c.Hash));
        Assert.Equal(EvidenceHasher.Genesis, checkpoints[0].PrevHash);
        Assert.True(checkpoints[0].Full);
        Assert.Equal(checkpoints.Select(c => c.Hash).SkipLast(1), checkpoints.Skip(1).Select(c => c.PrevHash));
        Assert.Equal([new StreamHead("INC-1", 3, third.Events[^1].Hash)], checkpoints[2].Heads);
        Assert.Equal(new CheckpointCounts(0, 1, 1, 0), checkpoints[2].Counts);
        using var publicKey = db.PublicKey();
        Assert.All(checkpoints, c =>
        {
            Assert.Equal(c.Hash, CheckpointHasher.ComputeHash(c));
            Assert.True(publicKey.Verify(c.Hash, c.Signature));
        });
        Assert.Equal(third.Seal, await store.GetSealAsync("INC-1", None));
        Assert.Equal(second.Seal, await store.GetSealAsync(Streams.Changes, None));
        Assert.Null(await store.GetSealAsync("INC-9", None));
    }

    [Fact]
    public async Task AppendAsync_ConflictOrDuplicate_WritesNoCheckpointAndKeepsTheSeal()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var appended = (await db.Store.AppendAsync(Drafts.Notes(Streams.Bot, 0, 1, deliveryId: "d1"), None)).Appended();

        // Act
        var conflict = await db.Store.AppendAsync(Drafts.Notes(Streams.Bot, 0, 1), None);
        var duplicate = await db.Store.AppendAsync(Drafts.Notes(Streams.Bot, 1, 1, deliveryId: "d1"), None);

        // Assert
        Assert.IsType<AppendOutcome.Conflict>(conflict);
        Assert.IsType<AppendOutcome.Duplicate>(duplicate);
        Assert.Equal(1, await db.CountAsync("checkpoints"));
        Assert.Equal(appended.Seal, await db.Store.GetSealAsync(Streams.Bot, None));
    }
}
