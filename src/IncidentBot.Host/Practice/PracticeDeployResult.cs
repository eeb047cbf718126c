namespace IncidentBot.Host.Practice;

/// <summary>What a deploy did: the version now live, the one before it, and whether anything changed.</summary>
internal sealed record PracticeDeployResult(string Layer, string Version, string Previous, bool Changed);
