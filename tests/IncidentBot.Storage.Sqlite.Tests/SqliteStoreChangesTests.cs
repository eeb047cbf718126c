using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreChangesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AppendAsync_Change_ProjectionRowCarriesTheEventSeq()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Change("search", "v1", Drafts.T0), None);

        // Act
        var appended = (await store.AppendAsync(Drafts.Change("checkout", "v7", Drafts.T0.AddHours(1), approved: false), None)).Appended();
        var changes = await store.ListChangesAsync("checkout", null, None);

        // Assert
        Assert.Equal(Streams.Changes, appended.Stream);
        var expected = new ChangeRecord("checkout", "model", "v7", "pipeline", Drafts.T0.AddHours(1), false, "ticket CH-1", 2);
        Assert.Equal(expected, Assert.Single(changes));
        Assert.Equal(2, Assert.Single(appended.Events).Seq);
    }

    [Fact]
    public async Task ListChangesAsync_ServiceAndSince_FiltersAndOrdersNewestFirst()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Change("checkout", "v1", Drafts.T0), None);
        await store.AppendAsync(Drafts.Change("checkout", "v3", Drafts.T0.AddHours(3)), None);
        await store.AppendAsync(Drafts.Change("search", "s1", Drafts.T0.AddHours(2)), None);
        await store.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0.AddHours(1)), None);

        // Act
        var checkout = await store.ListChangesAsync("CHECKOUT", null, None);
        var recent = await store.ListChangesAsync("checkout", Drafts.T0.AddHours(1), None);
        var everything = await store.ListChangesAsync(null, null, None);

        // Assert
        Assert.Equal(["v3", "v2", "v1"], checkout.Select(c => c.Version));
        Assert.Equal(["v3", "v2"], recent.Select(c => c.Version));
        Assert.Equal(["v3", "s1", "v2", "v1"], everything.Select(c => c.Version));
    }
}
