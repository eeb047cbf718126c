namespace IncidentBot.Core.Outbox;

/// <summary>
/// A parked item: one a worker gave up retrying. It stays unfinished, with its last error, for someone to look at,
/// but is rescheduled to <see cref="Due"/> so it is never claimed again and never counts as overdue.
/// </summary>
public static class OutboxParking
{
    /// <summary>The due time of a parked item: a year before <see cref="DateTimeOffset.MaxValue"/> (so adding a lease
    /// to it cannot overflow).</summary>
    public static readonly DateTimeOffset Due = DateTimeOffset.MaxValue.AddYears(-1);
}
