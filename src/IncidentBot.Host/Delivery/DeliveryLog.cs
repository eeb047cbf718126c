namespace IncidentBot.Host.Delivery;

/// <summary>Log messages of chat delivery (event ids 1100-1149). Ids and codes only: never message content or tokens.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(1100, LogLevel.Information, "Delivery to {Surface} started ({Concurrency} incidents at a time)")]
    public static partial void Started(ILogger logger, string surface, int concurrency);

    [LoggerMessage(1101, LogLevel.Debug, "Delivered outbox item {Id} of {Incident} to {Surface}")]
    public static partial void Delivered(ILogger logger, long id, string incident, string surface);

    [LoggerMessage(1102, LogLevel.Warning, "Delivery of item {Id} ({Incident}) to {Surface} failed on attempt {Attempt} ({Reason}); next try at {Due}")]
    public static partial void Rescheduled(ILogger logger, long id, string incident, string surface, int attempt, string reason, DateTimeOffset due);

    [LoggerMessage(1103, LogLevel.Error, "Delivery of item {Id} ({Incident}) to {Surface} cannot succeed ({Reason}); completed without delivering")]
    public static partial void Refused(ILogger logger, long id, string incident, string surface, string reason);

    [LoggerMessage(1104, LogLevel.Error, "Delivery to {Surface} could not read or update the outbox")]
    public static partial void OutboxFailed(ILogger logger, string surface, Exception exception);

    [LoggerMessage(1105, LogLevel.Warning, "Lost the claim on outbox item {Id} ({Incident}, {Surface}) before it was recorded; another worker has it")]
    public static partial void ClaimLost(ILogger logger, long id, string incident, string surface);

    [LoggerMessage(1106, LogLevel.Error, "The {Surface} sender failed on item {Id} ({Incident}); treated as transient")]
    public static partial void SenderThrew(ILogger logger, string surface, long id, string incident, Exception exception);
}
