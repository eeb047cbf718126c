namespace IncidentBot.Host.Practice;

/// <summary>Body of <c>GET /practice/health</c>: status, the live prompt and index (kept for older readers), the
/// paths each control covers, and the live version of every layer.</summary>
internal sealed record PracticeHealth(string Status, string Prompt, string Retrieval, IReadOnlyDictionary<string, string[]> Controls,
    IReadOnlyDictionary<string, string> Layers);
