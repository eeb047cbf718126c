namespace IncidentBot.Core.Runbooks;

/// <summary>The layers of a service that a containment option can act on, one at a time.</summary>
public static class Layers
{
    /// <summary>Every layer name a runbook may use, in the order people usually think about them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "model", "prompt", "retrieval", "embeddings", "routing", "memory",
        "tool-permissions", "output-schema", "workflow", "release",
    ];

    /// <summary>True when <paramref name="name"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
