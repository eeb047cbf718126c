namespace IncidentBot.Host.Practice;

/// <summary>Body of <c>GET /practice/health</c>: status, live versions, and the paths each control covers.</summary>
internal sealed record PracticeHealth(string Status, string Prompt, string Retrieval, IReadOnlyDictionary<string, string[]> Controls);
