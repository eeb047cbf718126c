namespace IncidentBot.Host.Practice;

/// <summary>Body of <c>POST /practice/deploy</c>.</summary>
internal sealed record PracticeDeployRequest(string? Layer, string? Version);
