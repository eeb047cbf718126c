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
    public const string GoodPrompt = "prompt-v41";
    public const string BadPrompt = "prompt-v42";
    public const string GoodIndex = "kb-index-2026-11-01";

    /// <summary>Every version the practice system knows, per layer, and whether it is bad.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Known =
        new Dictionary<string, IReadOnlyDictionary<string, bool>>(StringComparer.Ordinal)
        {
            [PromptLayer] = new Dictionary<string, bool>(StringComparer.Ordinal) { [GoodPrompt] = false, [BadPrompt] = true },
            [RetrievalLayer] = new Dictionary<string, bool>(StringComparer.Ordinal) { [GoodIndex] = false },
        };

    /// <summary>The runtime controls: <c>force_human_review</c> and <c>pause</c>, each on named paths.</summary>
    public const string ForceHumanReview = "force_human_review";
    public const string Pause = "pause";

    /// <summary>The path the bad prompt hurts: a control on it contains the damage.</summary>
    public const string RefundsPath = "refunds";
}
