namespace IncidentBot.Host.Practice;

/// <summary>
/// The practice service and its layer versions. The demo change seed uses the same names, so the change log the
/// bot triages and the system the practice endpoints simulate tell the same story.
/// </summary>
internal static class PracticeVersions
{
    public const string Service = "support-assistant";
    public const string PromptLayer = "prompt";
    public const string RetrievalLayer = "retrieval";
    public const string EmbeddingsLayer = "embeddings";
    public const string GoodPrompt = "prompt-v41";
    public const string BadPrompt = "prompt-v42";
    public const string GoodIndex = "kb-index-2026-11-01";

    /// <summary>The index rebuilt with the bad embeddings model: an embeddings change always brings its index along.</summary>
    public const string IndexOfBadEmbeddings = "kb-index-2026-12-01-emb-v3";

    /// <summary>The versioned layers of the service (the model and the seven layers teams version), each with the
    /// version it starts on (good) and the one a simulated change deploys (bad).</summary>
    public static readonly IReadOnlyList<(string Layer, string Good, string Bad)> Layers =
    [
        ("model", "model-2026-09", "model-2026-12"),
        (PromptLayer, GoodPrompt, BadPrompt),
        (RetrievalLayer, GoodIndex, "kb-index-2026-12-01"),
        (EmbeddingsLayer, "emb-v2", "emb-v3"),
        ("routing", "routing-v7", "routing-v8"),
        ("memory", "memory-v3", "memory-v4"),
        ("tool-permissions", "tools-v12", "tools-v13"),
        ("output-schema", "schema-v5", "schema-v6"),
    ];

    /// <summary>Every version the practice system knows, per layer, and whether it is bad.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Known =
        Layers.ToDictionary(l => l.Layer, l => Versions(l.Layer, l.Good, l.Bad), StringComparer.Ordinal);

    /// <summary>The good version of <paramref name="layer"/> (the one the system starts on).</summary>
    public static string Good(string layer) => Layers.First(l => l.Layer == layer).Good;

    /// <summary>What <c>POST /practice/simulate/{layer}-change</c> deploys: the layer's bad version and, for embeddings,
    /// the index rebuilt with them (layers that only work together change together).</summary>
    public static IReadOnlyList<(string Layer, string Version)> BadChange(string layer) =>
        layer == EmbeddingsLayer
            ? [(EmbeddingsLayer, Layers.First(l => l.Layer == layer).Bad), (RetrievalLayer, IndexOfBadEmbeddings)]
            : [(layer, Layers.First(l => l.Layer == layer).Bad)];

    private static IReadOnlyDictionary<string, bool> Versions(string layer, string good, string bad)
    {
        var versions = new Dictionary<string, bool>(StringComparer.Ordinal) { [good] = false, [bad] = true };
        if (layer == RetrievalLayer) versions[IndexOfBadEmbeddings] = true;
        return versions;
    }

    /// <summary>The runtime controls: <c>force_human_review</c> and <c>pause</c>, each on named paths.</summary>
    public const string ForceHumanReview = "force_human_review";
    public const string Pause = "pause";

    /// <summary>The path the bad prompt hurts: a control on it contains the damage.</summary>
    public const string RefundsPath = "refunds";
}
