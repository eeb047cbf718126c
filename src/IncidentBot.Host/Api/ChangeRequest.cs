namespace IncidentBot.Host.Api;

/// <summary>Body of <c>POST /api/changes</c>.</summary>
public sealed record ChangeRequest(string? Service, string? Layer, string? Version, string? DeployedBy, DateTimeOffset? DeployedUtc, bool? Approved, string? Note);
