namespace IncidentBot.Host.Signals;

/// <summary>Body of <c>POST /api/signals</c>: a small signal from any monitoring system.</summary>
internal sealed record GenericSignalRequest(
    string? Source,
    string? Key,
    string? Status,
    string? Title,
    string? Service,
    string? Severity,
    Dictionary<string, string>? Labels,
    DateTimeOffset? StartsAt = null,
    string? Link = null);
