namespace IncidentBot.Host.Practice;

/// <summary>Body of <c>POST /practice/deploy</c>. <see cref="Incident"/> (optional, <c>INC-n</c>) is the incident the
/// deploy rolls back for, as the runbook's step sends it; the change log then records the bot as the deployer.</summary>
internal sealed record PracticeDeployRequest(string? Layer, string? Version, string? Incident = null);
