using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreOrderedOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ClaimStreamHeadsAsync_TwoStreams_ClaimsOnlyTheOldestUnfinishedItemOfEach()
    {
        // Arrange: INC-1 has notify rows 1 and 2; INC-2 has row 3; a job row of INC-1 must not interfere.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2"), new OutboxDraft("job", "execute", "{}")] }, None);
        await store.AppendAsync(Drafts.Declare("Second") with { Outbox = [Notify("b1")] }, None);

        // Act
        var first = await store.ClaimStreamHeadsAsync("notify", "slack", Drafts.T0, Lease, 10, None);

        // Assert
        Assert.Equal(["a1", "b1"], first.Select(i => i.PayloadJson.Trim('"')));
    }

    [Fact]
    public async Task ClaimStreamHeadsAsync_HeadWaitingForRetry_HoldsBackOnlyItsOwnStream()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2")] }, None);
        await store.AppendAsync(Drafts.Declare("Second") with { Outbox = [Notify("b1"), Notify("b2")] }, None);
        var heads = await store.ClaimStreamHeadsAsync("notify", "slack", Drafts.T0, Lease, 10, None);
        await store.RescheduleAsync(heads[0].Id, Drafts.T0.AddMinutes(5), "HTTP 500", None); // a1 fails: retry later
        await store.CompleteAsync(heads[1].Id, Drafts.T0, None);                             // b1 delivered

        // Act
        var meanwhile = await store.ClaimStreamHeadsAsync("notify", "slack", Drafts.T0.AddMinutes(1), Lease, 10, None);
        await store.CompleteAsync(meanwhile[0].Id, Drafts.T0.AddMinutes(1), None);
        var afterRetry = await store.ClaimStreamHeadsAsync("notify", "slack", Drafts.T0.AddMinutes(5), Lease, 10, None);

        // Assert: a2 never overtakes a1; b2 is not held back by a1.
        Assert.Equal(["b2"], meanwhile.Select(i => i.PayloadJson.Trim('"')));
        Assert.Equal(["a1"], afterRetry.Select(i => i.PayloadJson.Trim('"')));
    }

    [Fact]
    public async Task ConversationsOfAsync_BoundTwice_ListsBothInBindingOrder()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);

        // Act
        await store.BindConversationAsync("slack", "C1", "INC-1", None);
        await store.BindConversationAsync("slack", "C1/1700000000.000100", "INC-1", None);

        // Assert
        Assert.Equal([("slack", "C1"), ("slack", "C1/1700000000.000100")], await store.ConversationsOfAsync("INC-1", None));
        Assert.Empty(await store.ConversationsOfAsync("INC-9", None));
    }

    private static OutboxDraft Notify(string text) => new("notify", "slack", $"\"{text}\"");
}
