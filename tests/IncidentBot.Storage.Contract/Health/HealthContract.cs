using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.Health;

/// <summary><see cref="IStoreNode.ProbeWriteAsync"/>: a committed write that changes nothing.</summary>
public abstract class HealthContract : StoreContract
{
    [Fact]
    public async Task ProbeWriteAsync_HealthyStore_CommitsAndChangesNothing()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var declared = (await db.Store.AppendAsync(Drafts.Declare("a"), None)).Appended();
        var before = await db.CountAllAsync();

        // Act
        await db.Store.ProbeWriteAsync(None);
        await (await db.OpenAnotherNodeAsync()).ProbeWriteAsync(None);

        // Assert: no row, no checkpoint, no incident number used.
        Assert.Equal(before, await db.CountAllAsync());
        Assert.Equal(declared.Seal, await db.Store.GetSealAsync(declared.Stream, None));
        Assert.Equal("INC-2", (await db.Store.AppendAsync(Drafts.Declare("b"), None)).Appended().Stream);
    }
}
