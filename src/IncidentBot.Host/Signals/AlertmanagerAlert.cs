namespace IncidentBot.Host.Signals;

/// <summary>One alert of an <see cref="AlertmanagerPayload"/>.</summary>
internal sealed record AlertmanagerAlert(
    string? Status,
    Dictionary<string, string>? Labels,
    Dictionary<string, string>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorURL,
    string? Fingerprint);
