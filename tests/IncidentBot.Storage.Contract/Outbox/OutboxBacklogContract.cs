using IncidentBot.Core.Outbox;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>The overdue work per kind (what the outbox metrics sample).</summary>
public abstract class OutboxBacklogContract : StoreContract
{
    [Fact]
    public async Task BacklogAsync_EmptyOutbox_IsEmpty()
    {
        // Arrange
        await using var db = await CreateStoreAsync();

        // Act
        var backlog = await db.Store.BacklogAsync(T0.AddHours(1), None);

        // Assert
        Assert.Empty(backlog);
    }

    [Fact]
    public async Task BacklogAsync_DueRetriedParkedAndDone_CountsDueAndRetriedPerKindWithTheirOldest()
    {
        // Arrange: written at T0: two messages due at 1 and 2 minutes, one not due before an hour, three jobs due at 3.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with
        {
            Outbox = [Notify("a", T0.AddMinutes(1)), Notify("b", T0.AddMinutes(2)), Notify("later", T0.AddHours(1)),
                Job("retried", T0.AddMinutes(3)), Job("parked", T0.AddMinutes(3)), Job("done", T0.AddMinutes(3))],
        }, None);
        var jobs = await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(3), TimeSpan.FromMinutes(1), 10, None);
        Assert.Equal(3, jobs.Count);
        await db.Store.RescheduleAsync(jobs[0].Claim!, T0.AddHours(2), "500", None);
        await db.Store.RescheduleAsync(jobs[1].Claim!, OutboxParking.Due, "gave up", None);
        await db.Store.CompleteAsync(jobs[2].Claim!, T0.AddMinutes(3), None);

        // Act
        var backlog = await db.Store.BacklogAsync(T0.AddMinutes(5), None);

        // Assert: the retried job counts from its writing although its next try is later; nothing else of the jobs counts.
        Assert.Equal([new OutboxBacklog("job", 1, T0), new OutboxBacklog("notify", 2, T0.AddMinutes(1))], backlog);
    }
}
