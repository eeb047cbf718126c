namespace IncidentBot.Core.Readiness;

/// <summary>Whether the post-mortem exports of a service's latest incident render.</summary>
/// <param name="IncidentId">The incident exported, null when the service has had none yet.</param>
/// <param name="Rendered">The formats that rendered (<c>md</c>, <c>json</c>, <c>csv</c>, <c>html</c>).</param>
/// <param name="Error">Why an export failed, null when every format rendered.</param>
public sealed record ExportCheck(string? IncidentId, IReadOnlyList<string> Rendered, string? Error);
