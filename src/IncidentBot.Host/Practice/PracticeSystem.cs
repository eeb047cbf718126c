using IncidentBot.Core.Changes;

namespace IncidentBot.Host.Practice;

/// <summary>
/// The practice "governed AI service": live layer versions of <c>support-assistant</c> and its runtime controls,
/// in memory. Thread-safe; every answer is a consistent snapshot.
/// </summary>
internal sealed class PracticeSystem
{
    /// <summary>How many <c>Idempotency-Key</c>s are remembered (oldest forgotten first).</summary>
    public const int IdempotencyKeysKept = 1000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, string> live = PracticeVersions.Layers.ToDictionary(l => l.Layer, l => l.Good, StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> controls = new(StringComparer.Ordinal)
    {
        [PracticeVersions.ForceHumanReview] = new(StringComparer.Ordinal),
        [PracticeVersions.Pause] = new(StringComparer.Ordinal),
    };
    private readonly Dictionary<string, (string Request, PracticeDeployResult Result)> replies = new(StringComparer.Ordinal);
    private readonly Queue<string> replyOrder = new();

    /// <summary>Deploys a known version (a no-op when it is already live). The same <paramref name="idempotencyKey"/>
    /// returns the first answer again; reusing it for a different request is refused.</summary>
    public (PracticeDeployResult? Result, string? Error) Deploy(string layer, string version, string? idempotencyKey)
    {
        if (!PracticeVersions.Known.TryGetValue(layer, out var versions))
            return (null, $"layer \"{layer}\" is not a layer of {PracticeVersions.Service}: use {string.Join(", ", PracticeVersions.Known.Keys)}.");
        if (!versions.ContainsKey(version))
            return (null, $"version \"{version}\" is not a known {layer} version: use {string.Join(", ", versions.Keys)}.");
        var request = layer + "\n" + version;
        lock (gate)
        {
            if (idempotencyKey is not null && replies.TryGetValue(idempotencyKey, out var seen))
                return seen.Request == request ? (seen.Result, null) : (null, "Idempotency-Key was already used for a different deploy.");
            var previous = live[layer];
            live[layer] = version;
            var result = new PracticeDeployResult(layer, version, previous, previous != version);
            if (idempotencyKey is not null) Remember(idempotencyKey, request, result);
            return (result, null);
        }
    }

    /// <summary>Turns a control on or off for a path. Unknown controls are refused.</summary>
    public string? SetControl(string control, string path, bool enabled)
    {
        if (!controls.TryGetValue(control, out var paths))
            return $"control \"{control}\" is not known: use {string.Join(" or ", controls.Keys)}.";
        lock (gate)
        {
            if (enabled) paths.Add(path);
            else paths.Remove(path);
        }
        return null;
    }

    /// <summary>The live version of a layer.</summary>
    public string Live(string layer)
    {
        lock (gate) return live[layer];
    }

    /// <summary>Health: degraded while a bad version is live on any layer and no control covers the refunds path
    /// (the path every bad version hurts).</summary>
    public PracticeHealth Health()
    {
        lock (gate)
        {
            var covered = controls.Values.Any(paths => paths.Contains(PracticeVersions.RefundsPath));
            var status = AnyBadLive() && !covered ? "degraded" : "ok";
            return new PracticeHealth(status, live[PracticeVersions.PromptLayer], live[PracticeVersions.RetrievalLayer],
                controls.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
                PracticeVersions.Layers.ToDictionary(l => l.Layer, l => live[l.Layer], StringComparer.Ordinal));
        }
    }

    /// <summary>Share of bad answers the quality sampler sees: high while a bad version is live on any layer.</summary>
    public double BadAnswerRatio()
    {
        lock (gate) return AnyBadLive() ? 0.31 : 0.02;
    }

    private bool AnyBadLive() => live.Any(kv => PracticeVersions.Known[kv.Key][kv.Value]);

    /// <summary>Starts from what the change log says is live (the demo seed), so the two agree.</summary>
    public async Task SyncFromChangeLogAsync(ChangeLog changeLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changeLog);
        foreach (var layer in PracticeVersions.Known.Keys)
        {
            var current = await changeLog.CurrentAsync(PracticeVersions.Service, layer, cancellationToken).ConfigureAwait(false);
            if (current is not null && PracticeVersions.Known[layer].ContainsKey(current.Version))
                lock (gate) live[layer] = current.Version;
        }
    }

    private void Remember(string key, string request, PracticeDeployResult result)
    {
        replies[key] = (request, result);
        replyOrder.Enqueue(key);
        while (replyOrder.Count > IdempotencyKeysKept) replies.Remove(replyOrder.Dequeue());
    }
}
