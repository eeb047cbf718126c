using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.ReadModels;

/// <summary>The change projection: one row per ChangeRecorded event, listed by service and time.</summary>
public abstract class ChangesContract : StoreContract
{
    [Fact]
    public async Task AppendAsync_Change_ProjectionRowCarriesTheEventSeq()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Change("search", "v1", Drafts.T0), None);

        // Act
        var appended = (await db.Store.AppendAsync(Drafts.Change("checkout", "v7", Drafts.T0.AddHours(1), approved: false), None)).Appended();
        var changes = await db.Store.ListChangesAsync("checkout", null, None);

        // Assert
        Assert.Equal(Streams.Changes, appended.Stream);
        var expected = new ChangeRecord("checkout", "model", "v7", "pipeline", Drafts.T0.AddHours(1), false, "ticket CH-1", 2);
        Assert.Equal(expected, Assert.Single(changes));
        Assert.Equal(2, Assert.Single(appended.Events).Seq);
    }

    [Fact]
    public async Task ListChangesAsync_ServiceAndSince_FiltersCaseInsensitivelyAndOrdersNewestFirst()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Change("checkout", "v1", Drafts.T0), None);
        await db.Store.AppendAsync(Drafts.Change("checkout", "v3", Drafts.T0.AddHours(3)), None);
        await db.Store.AppendAsync(Drafts.Change("search", "s1", Drafts.T0.AddHours(2)), None);
        await db.Store.AppendAsync(Drafts.Change("Checkout", "v2", Drafts.T0.AddHours(1)), None);

        // Act
        var checkout = await db.Store.ListChangesAsync("CHECKOUT", null, None);
        var recent = await db.Store.ListChangesAsync("checkout", Drafts.T0.AddHours(1), None);
        var everything = await db.Store.ListChangesAsync(null, null, None);

        // Assert: since is inclusive.
        Assert.Equal(["v3", "v2", "v1"], checkout.Select(c => c.Version));
        Assert.Equal(["v3", "v2"], recent.Select(c => c.Version));
        Assert.Equal(["v3", "s1", "v2", "v1"], everything.Select(c => c.Version));
    }

    [Fact]
    public async Task ListChangesAsync_EqualDeploymentTimes_NewestRecordedFirst()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var t = Drafts.T0;
        await db.Store.AppendAsync(Drafts.Change("Checkout", "1.0", t), None);
        await db.Store.AppendAsync(Drafts.Change("search", "7.1", t.AddMinutes(5)), None);
        await db.Store.AppendAsync(Drafts.Change("checkout", "1.1", t.AddMinutes(10)), None);
        await db.Store.AppendAsync(Drafts.Change("checkout", "1.2", t.AddMinutes(10)), None);

        // Act
        var all = await db.Store.ListChangesAsync(null, null, None);
        var checkout = await db.Store.ListChangesAsync("CHECKOUT", t.AddMinutes(1), None);

        // Assert
        Assert.Equal(["1.2", "1.1", "7.1", "1.0"], all.Select(c => c.Version));
        Assert.Equal([4L, 3, 2, 1], all.Select(c => c.Seq));
        Assert.Equal(["1.2", "1.1"], checkout.Select(c => c.Version));
        Assert.Equal(t.AddMinutes(10), checkout[0].DeployedUtc);
        Assert.True(checkout[0].Approved);
        Assert.Equal(["1.0"], (await db.Store.ListChangesAsync("checkout", null, None)).Skip(2).Select(c => c.Version));
    }
}
