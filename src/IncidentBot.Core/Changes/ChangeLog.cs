using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Changes;

/// <summary>
/// The versioned baselines: every deployment of a layer version, as evidence in the <see cref="Streams.Changes"/>
/// stream, and the answers built on it (what is live, what was the last approved version before it).
/// </summary>
public sealed partial class ChangeLog(IEvidenceStore store, IChangeReadModel changes, TimeProvider time)
{
    /// <summary>How far ahead of the bot's clock a deployment time may be (clock skew between systems): 5 minutes.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Checks a change for obvious mistakes; returns the problems (empty when valid). With
    /// <paramref name="now"/>, a deployment time more than <see cref="MaxClockSkew"/> ahead of it is a mistake too:
    /// the latest deployment is the live version, so a future-dated record would stay "live" over every real one.</summary>
    public static IReadOnlyList<string> Validate(ChangeRecord change, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        var problems = new List<string>();
        if (!NamePattern().IsMatch(change.Service ?? "")) problems.Add("service: 1-100 characters of letters, digits, '.', '_' or '-'");
        if (!Layers.IsKnown(change.Layer)) problems.Add($"layer: one of {string.Join(", ", Layers.All)}");
        if (string.IsNullOrWhiteSpace(change.Version) || change.Version.Length > 100) problems.Add("version: 1-100 characters");
        if (string.IsNullOrWhiteSpace(change.DeployedBy) || change.DeployedBy.Length > 100) problems.Add("deployedBy: 1-100 characters");
        if ((change.Note ?? "").Length > 1000) problems.Add("note: at most 1000 characters");
        if (change.DeployedUtc == default) problems.Add("deployedUtc: required");
        else if (now is { } n && change.DeployedUtc > n + MaxClockSkew)
            problems.Add($"deployedUtc: must not be in the future (at most {MaxClockSkew.TotalMinutes:0} minutes ahead of the bot's clock)");
        return problems;
    }

    /// <summary>Records a change as evidence (durably) and returns it with its sequence number.</summary>
    public async Task<ChangeRecord> RecordAsync(ChangeRecord change, string actor, string surface, CancellationToken cancellationToken)
    {
        var problems = Validate(change, time.GetUtcNow());
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(change));
        var clean = change with { Note = change.Note ?? "" };
        var draft = new EventDraft("ChangeRecorded", actor, surface, time.GetUtcNow(),
            JsonSerializer.Serialize(clean with { Seq = 0 }, EventCodec.Options), null);
        var outcome = await store.AppendAsync(new AppendRequest(Streams.Changes, AppendRequest.AnySeq, [draft], Change: clean), cancellationToken).ConfigureAwait(false);
        return outcome is AppendOutcome.Appended a ? clean with { Seq = a.Events[0].Seq } : clean;
    }

    /// <summary>The version live on a layer now (the latest deployment), or null when none is recorded.</summary>
    public async Task<ChangeRecord?> CurrentAsync(string service, string layer, CancellationToken cancellationToken)
    {
        var all = await changes.ListChangesAsync(service, null, cancellationToken).ConfigureAwait(false);
        return Latest(all.Where(c => c.Layer == layer));
    }

    /// <summary>
    /// Where a rollback of <paramref name="layer"/> goes: from the live version to the most recent approved version
    /// deployed before it that is not the live version. Null when there is no such version.
    /// </summary>
    public async Task<RollbackTarget?> ResolveRollbackAsync(string service, string layer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(service)) return null;
        var history = await changes.ListChangesAsync(service, null, cancellationToken).ConfigureAwait(false);
        return RollbackTargetOf(history.Where(c => c.Layer == layer));
    }

    /// <summary>The rule of <see cref="ResolveRollbackAsync"/> on one layer's <paramref name="layerHistory"/>, for
    /// callers that already hold the records (the readiness report): null when there is no approved version to go back to.</summary>
    public static RollbackTarget? RollbackTargetOf(IEnumerable<ChangeRecord> layerHistory)
    {
        ArgumentNullException.ThrowIfNull(layerHistory);
        var history = layerHistory.ToList();
        var live = Latest(history);
        if (live is null) return null;
        var rolledBackFrom = RolledBackVersions(history);
        var target = Latest(history.Where(c => c.Approved && c.Version != live.Version && !rolledBackFrom.Contains(c.Version) &&
                                               (c.DeployedUtc, c.Seq).CompareTo((live.DeployedUtc, live.Seq)) < 0));
        return target is null ? null : new RollbackTarget(live.Version, target.Version);
    }

    /// <summary>Changes to a service in the <paramref name="window"/> before <paramref name="before"/>, newest first.</summary>
    public async Task<IReadOnlyList<ChangeRecord>> RecentAsync(string service, DateTimeOffset before, TimeSpan window, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(service)) return [];
        var all = await changes.ListChangesAsync(service, before - window, cancellationToken).ConfigureAwait(false);
        return all.Where(c => c.DeployedUtc <= before).ToList();
    }

    /// <summary>Who rollbacks by the bot are recorded as: <c>incidentbot (INC-n)</c>.</summary>
    public static string RollbackDeployer(string incidentId) => $"{RollbackDeployerPrefix}{incidentId})";

    private const string RollbackDeployerPrefix = "incidentbot (";

    /// <summary>Versions an incident rolled back away from: they were bad, so they are never a rollback target again,
    /// even if they had been approved (a second rollback must go further back, not forward to the bad version).</summary>
    private static HashSet<string> RolledBackVersions(IEnumerable<ChangeRecord> history)
    {
        var ordered = history.OrderBy(c => c.DeployedUtc).ThenBy(c => c.Seq).ToList();
        var bad = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].DeployedBy.StartsWith(RollbackDeployerPrefix, StringComparison.Ordinal)) bad.Add(ordered[i - 1].Version);
        return bad;
    }

    private static ChangeRecord? Latest(IEnumerable<ChangeRecord> records) =>
        records.OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).FirstOrDefault();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
