using IncidentBot.Core.Outbox;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>An outbox row keeps the W3C traceparent of the span that wrote it, and hands it back however it is read or
/// claimed, so the worker continues the trace of the command that caused the work.</summary>
public abstract class OutboxTraceContract : StoreContract
{
    private const string Parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string OtherParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task AppendAsync_DraftsWithAndWithoutTraceParent_ReadAndBothClaimsReturnEachRowsOwn()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with
        {
            Outbox = [Notify("traced") with { TraceParent = Parent }, Notify("untraced"), Job("job", T0) with { TraceParent = OtherParent }],
        }, None);

        // Act
        var read = await db.Store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None);
        var run = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 10, None);
        var job = await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        // Assert
        Assert.Equal([("traced", Parent), ("untraced", null)], read.Select(i => (Text(i), i.TraceParent)));
        Assert.Equal([("traced", Parent), ("untraced", null)], run.Select(i => (Text(i), i.TraceParent)));
        Assert.Equal(OtherParent, Assert.Single(job).TraceParent);
    }

    [Fact]
    public async Task AppendAsync_TraceParentThatIsNotW3C_IsRefusedAndNothingIsWritten()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var malformed = Declare() with { Outbox = [Notify("n") with { TraceParent = "not-a-traceparent" }] };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => db.Store.AppendAsync(malformed, None));
        var outbox = await db.Store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None);

        // Assert
        Assert.Contains("traceparent", error.Message, StringComparison.Ordinal);
        Assert.Empty(outbox);
    }
}
