using IncidentBot.Core.Outbox;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>How long the oldest overdue outbox work has waited (what readiness compares with its threshold).</summary>
public abstract class OutboxAgeContract : StoreContract
{
    [Fact]
    public async Task OldestOverdueSinceAsync_EmptyOutbox_IsNull()
    {
        // Arrange
        await using var db = await CreateStoreAsync();

        // Act
        var since = await db.Store.OldestOverdueSinceAsync(T0.AddHours(1), None);

        // Assert
        Assert.Null(since);
    }

    [Fact]
    public async Task OldestOverdueSinceAsync_NotYetDueDueFailedAndDone_CountsDueFromDueTimeFailedFromWritingNothingDone()
    {
        // Arrange: written at T0, a message due in a minute and a job due in ten.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with { Outbox = [Notify("n", T0.AddMinutes(1)), Job("later", T0.AddMinutes(10))] }, None);

        // Act
        var beforeAnyIsDue = await db.Store.OldestOverdueSinceAsync(T0.AddSeconds(30), None);
        var messageDue = await db.Store.OldestOverdueSinceAsync(T0.AddMinutes(2), None);
        var claimed = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Notify, T0.AddMinutes(2), TimeSpan.FromMinutes(1), 10, None));
        var whileClaimed = await db.Store.OldestOverdueSinceAsync(T0.AddMinutes(2), None);
        await db.Store.RescheduleAsync(claimed.Claim!, T0.AddMinutes(20), "500 from Slack", None);
        var afterFailure = await db.Store.OldestOverdueSinceAsync(T0.AddMinutes(3), None);
        var retry = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Notify, T0.AddMinutes(20), TimeSpan.FromMinutes(1), 10, None));
        await db.Store.CompleteAsync(retry.Claim!, T0.AddMinutes(20), None);
        var jobDue = await db.Store.OldestOverdueSinceAsync(T0.AddMinutes(21), None);

        // Assert
        Assert.Null(beforeAnyIsDue);
        Assert.Equal(T0.AddMinutes(1), messageDue);
        Assert.Equal(T0.AddMinutes(1), whileClaimed);
        Assert.Equal(T0, afterFailure);
        Assert.Equal(T0.AddMinutes(10), jobDue);
    }

    [Fact]
    public async Task OldestOverdueSinceAsync_ParkedItem_DoesNotCount()
    {
        // Arrange: a job that failed and was parked.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with { Outbox = [Job("hopeless", T0)] }, None);
        var claimed = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Job, T0, TimeSpan.FromMinutes(1), 10, None));
        var beforeParking = await db.Store.OldestOverdueSinceAsync(T0.AddMinutes(1), None);
        await db.Store.RescheduleAsync(claimed.Claim!, OutboxParking.Due, "gave up", None);

        // Act
        var since = await db.Store.OldestOverdueSinceAsync(T0.AddDays(1), None);

        // Assert
        Assert.Equal(T0, beforeParking);
        Assert.Null(since);
    }
}
