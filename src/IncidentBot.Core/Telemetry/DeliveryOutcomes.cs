namespace IncidentBot.Core.Telemetry;

/// <summary>The <c>outcome</c> tags of <c>incidentbot.deliveries</c>.</summary>
public static class DeliveryOutcomes
{
    /// <summary>The platform took the message.</summary>
    public const string Delivered = "delivered";

    /// <summary>The attempt failed for now; the row waits for a later attempt (a 429, a 5xx, a timeout...).</summary>
    public const string Retry = "retry";

    /// <summary>The platform refused it for good; the row was completed so it does not hold back the rest.</summary>
    public const string Refused = "refused";
}
