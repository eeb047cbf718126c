namespace IncidentBot.Host.Signals;

/// <summary>
/// Body of an Alertmanager <c>webhook_config</c> notification, payload version <c>"4"</c>: one group of alerts.
/// Every member is nullable so a missing field is reported by name instead of failing the whole read.
/// </summary>
internal sealed record AlertmanagerPayload(
    string? Version,
    string? GroupKey,
    int? TruncatedAlerts,
    string? Status,
    string? Receiver,
    Dictionary<string, string>? GroupLabels,
    Dictionary<string, string>? CommonLabels,
    Dictionary<string, string>? CommonAnnotations,
    string? ExternalURL,
    List<AlertmanagerAlert?>? Alerts);
