using System.Globalization;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    /// <summary>Point 7: approval reminders, escalation and expiry; the endpoints steps and checks call; the last drill.</summary>
    private static ReadinessPoint Realism(ReadinessInputs inputs, string service, IReadOnlyList<Runbook> runbooks)
    {
        var point = new PointBuilder(7, ReadinessPoints.ProductionRealism);
        Timers(point, inputs);
        Endpoints(point, inputs, runbooks);
        LastDrill(point, inputs, service, runbooks);
        return point.Build();
    }

    private static void Timers(PointBuilder point, ReadinessInputs inputs)
    {
        var engine = inputs.Engine;
        point.Fact($"approvals: reminder after {engine.ApprovalReminderAfter}, escalation after {engine.ApprovalEscalateAfter}, expiry after {engine.ApprovalExpireAfter}");
        if (engine.ApprovalReminderAfter <= TimeSpan.Zero || engine.ApprovalEscalateAfter <= TimeSpan.Zero || engine.ApprovalExpireAfter <= TimeSpan.Zero)
            point.Fail("an approval timer is zero or negative", "Set Engine:ApprovalReminderAfter, ApprovalEscalateAfter and ApprovalExpireAfter to positive times.");
        else if (engine.ApprovalEscalateAfter >= engine.ApprovalExpireAfter)
            point.Fail("approvals expire before (or when) they escalate: nobody else is ever asked",
                "Set Engine:ApprovalEscalateAfter below Engine:ApprovalExpireAfter.");
        else if (engine.ApprovalReminderAfter >= engine.ApprovalEscalateAfter)
            point.Warn("the approval reminder comes no earlier than the escalation",
                "Set Engine:ApprovalReminderAfter below Engine:ApprovalEscalateAfter.");

        var groups = engine.EscalationGroups.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        if (groups.Count == 0)
        {
            point.Fail("Engine:EscalationGroups is empty: an unanswered approval is only repeated to the option's own approvers",
                "Set Engine:EscalationGroups to a group with people who can step in (e.g. incident managers).");
            return;
        }
        foreach (var group in groups)
        {
            var members = inputs.Governance.People.Where(p => p.Groups.Contains(group)).Select(p => p.Id).ToList();
            if (members.Count == 0)
                point.Fail($"escalation group {group} has no people",
                    $"Add people to {group} (Governance:People:N:Groups) or name another group in Engine:EscalationGroups.");
            else
                point.Fact($"escalation group {group}: {string.Join(", ", members)}");
        }
    }

    private static void Endpoints(PointBuilder point, ReadinessInputs inputs, IReadOnlyList<Runbook> runbooks)
    {
        var uses = runbooks.SelectMany(r => ReadinessOrigins.For(r, inputs.Execution)).ToList();
        foreach (var use in uses.Where(u => u.Problem is not null))
            point.Fail($"{use.RunbookId}/{use.Where}: {use.Problem}",
                "Configure the setting (Executors:Settings, or Executors:DrillSettings for drills) in this environment.");
        var origins = ReadinessOrigins.Origins(uses);
        if (uses.Count == 0) point.Fact("no step or check calls an endpoint");
        foreach (var origin in origins)
        {
            var all = uses.Where(u => string.Equals(u.Origin, origin, StringComparison.OrdinalIgnoreCase)).Select(u => $"{u.RunbookId}/{u.Where}").Distinct().ToList();
            var users = all.Count <= 3 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(2))} and {all.Count - 2} more steps and checks";
            var probe = inputs.Probes.FirstOrDefault(p => string.Equals(p.Origin, origin, StringComparison.OrdinalIgnoreCase));
            if (probe is null)
                point.Warn($"{origin} was not probed (used by {users})", $"Run the readiness report where {origin} can be reached.");
            else if (probe.Answered)
                point.Fact($"{origin} answers ({probe.Detail}); used by {users}");
            else
                point.Fail($"{origin} does not answer: {probe.Detail} (used by {users})",
                    $"Make {origin} reachable from the bot, or fix the setting that names it.");
        }
    }

    private static void LastDrill(PointBuilder point, ReadinessInputs inputs, string service, IReadOnlyList<Runbook> runbooks)
    {
        var drill = inputs.Drills.FirstOrDefault(d => string.Equals(d.Key, service, StringComparison.OrdinalIgnoreCase)).Value;
        if (drill is null)
        {
            point.Warn($"no drill yet for {service}",
                $"Run a drill: /incident drill {runbooks.FirstOrDefault()?.Id ?? "<runbook>"} service={service}");
            return;
        }
        point.Fact($"last drill {drill.IncidentId} ({drill.RunbookId}{(drill.Severity is { } s ? ", " + s.ToText() : "")}) on {Time(drill.DeclaredUtc)}, now {drill.State}: " +
                   $"triage {Span(drill.ToTriage)}, approve {Span(drill.ToApprove)}, mitigate {Span(drill.ToMitigate)}, recover {Span(drill.ToRecover)}; " +
                   $"approvers {(drill.Approvers.Count == 0 ? "none" : string.Join(", ", drill.Approvers))}");
        foreach (var failure in drill.Failures) point.Fact($"drill {drill.IncidentId} failure: {failure}");
        if (!drill.Recovered)
            point.Warn($"the last drill {drill.IncidentId} did not recover",
                $"Fix what failed in {drill.IncidentId} and run the drill again: /incident drill {drill.RunbookId} service={service}");
        if (inputs.Now - drill.DeclaredUtc > inputs.DrillMaxAge)
            point.Warn($"the last drill {drill.IncidentId} is older than {inputs.DrillMaxAge.TotalDays:0} days",
                $"Run a drill again: /incident drill {drill.RunbookId} service={service}");
    }

    // The drill's export writes its times the same way, so the report and the export agree to the second.
    private static string Span(TimeSpan? span) => Export.ReviewFormat.Duration(span);
}
