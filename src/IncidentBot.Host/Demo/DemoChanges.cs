using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Practice;

namespace IncidentBot.Host.Demo;

/// <summary>
/// Development only (<c>Demo:SeedChanges</c>): when the change log is empty, records a believable recent history
/// for the shipped runbooks' services, so the local console demo has versions to roll back to. Recorded as
/// ordinary evidence by the actor <c>demo-seed</c>, never silently. The support-assistant versions are the practice
/// system's (<see cref="PracticeVersions"/>), which starts from what this seed makes live.
/// </summary>
internal static class DemoChanges
{
    public static async Task SeedIfEmptyAsync(ChangeLog log, IChangeReadModel changes, TimeProvider time, CancellationToken cancellationToken)
    {
        if ((await changes.ListChangesAsync(null, null, cancellationToken).ConfigureAwait(false)).Count > 0) return;
        var now = time.GetUtcNow();
        ChangeRecord[] history =
        [
            // The approved baseline of every other layer, so each layer's rollback has somewhere to go after a
            // POST /practice/simulate/{layer}-change.
            .. PracticeVersions.Layers.Where(l => l.Layer is not (PracticeVersions.PromptLayer or PracticeVersions.RetrievalLayer))
                .Select(l => new ChangeRecord(PracticeVersions.Service, l.Layer, l.Good, "release-pipeline", now.AddDays(-7), true, "approved baseline")),
            new(PracticeVersions.Service, PracticeVersions.PromptLayer, PracticeVersions.GoodPrompt, "dana", now.AddDays(-6), true, "quarterly tone review"),
            new(PracticeVersions.Service, PracticeVersions.RetrievalLayer, PracticeVersions.GoodIndex, "index-pipeline", now.AddDays(-3), true, "weekly knowledge-base rebuild"),
            new(PracticeVersions.Service, PracticeVersions.PromptLayer, PracticeVersions.BadPrompt, "dana", now.AddMinutes(-50), true, "friendlier refund wording"),
            new("checkout-api", "release", "1.42.0", "deploy-bot", now.AddDays(-2), true, "CHG-1180"),
            new("checkout-api", "release", "1.43.0", "deploy-bot", now.AddMinutes(-35), true, "CHG-1192"),
        ];
        foreach (var change in history)
            await log.RecordAsync(change, "demo-seed", Surfaces.Api, cancellationToken).ConfigureAwait(false);
    }
}
