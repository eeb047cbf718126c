using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreOrderedOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ClaimStreamRunsAsync_OnePerStream_TwoStreams_ClaimsOnlyTheOldestUnfinishedItemOfEach()
    {
        // Arrange: INC-1 has notify rows 1 and 2; INC-2 has row 3; a job row of INC-1 must not interfere.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2"), new OutboxDraft(OutboxKind.Job, "execute", "{}")] }, None);
        await store.AppendAsync(Drafts.Declare("Second") with { Outbox = [Notify("b1")] }, None);

        // Act
        var first = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 1, None);

        // Assert
        Assert.Equal(["a1", "b1"], first.Select(i => i.PayloadJson.Trim('"')));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_OnePerStream_HeadWaitingForRetry_HoldsBackOnlyItsOwnStream()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2")] }, None);
        await store.AppendAsync(Drafts.Declare("Second") with { Outbox = [Notify("b1"), Notify("b2")] }, None);
        var heads = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 1, None);
        await store.RescheduleAsync(heads[0].Claim!, Drafts.T0.AddMinutes(5), "HTTP 500", None); // a1 fails: retry later
        await store.CompleteAsync(heads[1].Claim!, Drafts.T0, None);                             // b1 delivered

        // Act
        var meanwhile = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0.AddMinutes(1), Lease, 10, 1, None);
        await store.CompleteAsync(meanwhile[0].Claim!, Drafts.T0.AddMinutes(1), None);
        var afterRetry = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0.AddMinutes(5), Lease, 10, 1, None);

        // Assert: a2 never overtakes a1; b2 is not held back by a1.
        Assert.Equal(["b2"], meanwhile.Select(i => i.PayloadJson.Trim('"')));
        Assert.Equal(["a1"], afterRetry.Select(i => i.PayloadJson.Trim('"')));
    }

    [Fact]
    public async Task ConversationsOfAsync_ChannelThenThreadThenAnotherPlace_OnePerPlaceAsLastBound()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Conversations = [new ConversationReference("slack", "C1")] }, None);

        // Act
        await store.AppendAsync(Drafts.Notes("INC-1", 1, 1) with { Conversations = [new ConversationReference("slack", "C1", "1700000000.000100")] }, None);
        await store.AppendAsync(Drafts.Notes("INC-1", 2, 1) with { Conversations = [new ConversationReference("teams", "19:x@thread.tacv2", null, "https://smba.example/")] }, None);

        // Assert
        Assert.Equal([new ConversationReference("slack", "C1", "1700000000.000100"), new ConversationReference("teams", "19:x@thread.tacv2", null, "https://smba.example/")],
            await store.ConversationsOfAsync("INC-1", None));
        Assert.Equal("INC-1", await store.FindIncidentByConversationAsync("slack", "C1", None));
        Assert.Empty(await store.ConversationsOfAsync("INC-9", None));
    }

    private static OutboxDraft Notify(string text) => new(OutboxKind.Notify, "slack", $"\"{text}\"");
}
