using System.Collections.Concurrent;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// Finds the exact runbook version an incident is pinned to: the loaded catalog when its file is unchanged, else the
/// text stored with the incident's evidence. Editing a runbook file therefore never changes a running incident.
/// </summary>
public sealed class PinnedRunbooks(RunbookCatalog catalog, IIncidentReadModel store)
{
    private readonly ConcurrentDictionary<string, Runbook> byHash = new(StringComparer.Ordinal);

    /// <summary>The loaded catalog (for new incidents).</summary>
    public RunbookCatalog Catalog => catalog;

    /// <summary>The runbook with this content hash.</summary>
    /// <exception cref="InvalidOperationException">The text is neither loaded nor stored, or no longer parses.</exception>
    public async Task<Runbook> GetAsync(string contentHash, CancellationToken cancellationToken)
    {
        if (byHash.TryGetValue(contentHash, out var cached)) return cached;
        var runbook = catalog.All.FirstOrDefault(r => r.ContentHash == contentHash);
        if (runbook is null)
        {
            var text = await store.GetRunbookTextAsync(contentHash, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Runbook version {contentHash[..12]} is not stored.");
            var loaded = RunbookLoader.Load(text, $"stored runbook {contentHash[..12]}");
            runbook = loaded.Runbook ?? throw new InvalidOperationException(
                $"Stored runbook {contentHash[..12]} no longer loads: {string.Join("; ", loaded.Problems)}");
        }
        return byHash.GetOrAdd(contentHash, runbook);
    }
}
