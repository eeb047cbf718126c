using IncidentBot.Core.Runbooks;

namespace IncidentBot.Host.Api;

/// <summary>What <c>GET /api/runbooks</c> shows of a runbook: enough to choose and to audit, not the whole text.</summary>
internal static class RunbookView
{
    public static object Of(Runbook r) => new
    {
        r.Id, r.Title, r.Version, hash = r.ContentHash, pinnedVersion = r.PinnedVersion,
        appliesTo = new { r.AppliesTo.Services, r.AppliesTo.SignalLabels },
        options = r.Options.Select(o => new
        {
            o.Id, o.Title, kind = o.Kind.ToString().ToLowerInvariant(), o.Layer,
            approval = new
            {
                o.Approval.Required, o.Approval.Groups,
                bySeverity = o.Approval.RequiredBySeverity.ToDictionary(kv => "sev" + (int)kv.Key, kv => kv.Value),
                breakGlass = new { o.Approval.BreakGlass.Allowed, severities = o.Approval.BreakGlass.Severities.Select(s => "sev" + (int)s) },
            },
            stepKinds = o.Steps.Select(s => s.Kind).Distinct(),
            checkKinds = o.Checks.Select(c => c.Kind).Distinct(),
        }),
    };
}
