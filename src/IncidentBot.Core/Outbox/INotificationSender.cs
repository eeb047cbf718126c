namespace IncidentBot.Core.Outbox;

/// <summary>
/// One chat surface's outbound half: delivers one notification to one conversation. The generic delivery worker
/// claims rows, keeps each incident's order, retries and backs off; a sender only talks to its platform and says
/// how it went. A sender never decides anything about the incident and never writes to the store.
/// </summary>
public interface INotificationSender
{
    /// <summary>The surface this sender serves (one of <see cref="Evidence.Surfaces"/>); the worker routes rows by it.</summary>
    string Surface { get; }

    /// <summary>
    /// Delivers <paramref name="delivery"/>. Returns <see cref="DeliveryResult.Delivered"/> once the platform accepted
    /// everything it must show (with the thread it started, if it posted the incident's root), <see cref="DeliveryResult.RetryAt"/>
    /// for a failure that may pass (rate limits, outages, timeouts), or <see cref="DeliveryResult.Refused"/> for one
    /// retrying cannot fix. Should not throw; an exception is treated as a transient failure.
    /// </summary>
    Task<DeliveryResult> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken);
}
