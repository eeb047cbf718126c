using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    private static readonly Severity[] AllSeverities = [Severity.Sev1, Severity.Sev2, Severity.Sev3, Severity.Sev4];

    /// <summary>Point 2: who may trigger, who must approve each option at each severity, whether enough distinct people
    /// can approve on every enabled surface, and who may break glass.</summary>
    private static ReadinessPoint Authority(ReadinessInputs inputs, IReadOnlyList<Runbook> runbooks)
    {
        var point = new PointBuilder(2, ReadinessPoints.RollbackAuthority);
        var people = inputs.Governance.People.Where(p => !string.IsNullOrWhiteSpace(p.Id)
            && !string.Equals(p.Id, Actor.System.Id, StringComparison.OrdinalIgnoreCase)).ToList();
        var responderGroups = inputs.Governance.ResponderGroups;
        var responders = people.Where(p => responderGroups.Count == 0 || p.Groups.Any(responderGroups.Contains)).ToList();
        point.Fact(responders.Count == 0
            ? "nobody may trigger containment"
            : $"may trigger containment (responders{(responderGroups.Count == 0 ? ", every configured person" : " in " + string.Join(", ", responderGroups))}): {Names(responders)}");
        if (responders.Count == 0)
            point.Fail("no configured person is a responder", "Add people to Governance:People in one of Governance:ResponderGroups.");
        if (inputs.Surfaces.Count == 0)
            point.Fail("no chat surface is enabled: nobody can approve anything", "Enable Slack, Teams or the console.");
        else
            point.Fact($"surfaces enabled: {string.Join(", ", inputs.Surfaces)}");

        foreach (var runbook in runbooks)
        {
            foreach (var option in runbook.Options)
            {
                var name = $"{runbook.Id}/{option.Id}";
                var approvers = people.Where(p => p.Groups.Any(option.Approval.Groups.Contains)).ToList();
                var needs = AllSeverities.Select(s => $"{s.ToText()} {option.Approval.RequiredFor(s)}");
                point.Fact($"{name}: approvers from {(option.Approval.Groups.Count == 0 ? "no group" : string.Join(", ", option.Approval.Groups))} " +
                           $"({Names(approvers)}); approvals needed: {string.Join(", ", needs)}");
                CheckQuorum(point, inputs, name, option, approvers, responders);
                if (option.Approval.BreakGlass.Allowed)
                {
                    var at = option.Approval.BreakGlass.Severities.Count == 0 ? "any severity" : string.Join(", ", option.Approval.BreakGlass.Severities.Select(s => s.ToText()));
                    point.Fact($"{name}: break-glass by the incident commander (a responder: {Names(responders)}) at {at}, approved after the fact");
                }
            }
        }
        if (!runbooks.SelectMany(r => r.Options).Any(o => o.Approval.BreakGlass.Allowed))
            point.Fact("break-glass: no option allows it");
        return point.Build();
    }

    /// <summary>Per enabled surface, severities that need the same number of approvals are judged together, so one
    /// shortage is one line naming every severity it affects.</summary>
    private static void CheckQuorum(PointBuilder point, ReadinessInputs inputs, string name, ContainmentOption option,
        IReadOnlyList<PersonOptions> approvers, IReadOnlyList<PersonOptions> responders)
    {
        var groups = option.Approval.Groups.Count == 0 ? "no group" : string.Join(", ", option.Approval.Groups);
        var byRequired = AllSeverities.GroupBy(option.Approval.RequiredFor).Where(g => g.Key > 0);
        foreach (var surface in inputs.Surfaces)
        {
            var reachable = approvers.Where(p => IsReachable(p, surface)).ToList();
            foreach (var need in byRequired)
            {
                var (required, at) = (need.Key, string.Join(", ", need.Select(s => s.ToText())));
                if (reachable.Count < required)
                {
                    point.Fail($"{name} at {at} needs {required} approver(s) from {groups}, but only {reachable.Count} " +
                               $"can approve on {surface}{(reachable.Count == 0 ? "" : $" ({Names(reachable)})")}",
                        surface == Surfaces.Console
                            ? $"Add people to {groups} (Governance:People) or lower the approvals {name} needs at {at}."
                            : $"Add people to {groups} with a {surface} identity (Governance:People:N:Identities:{surface}) or lower the approvals {name} needs at {at}.");
                }
                else if (reachable.Count == required && reachable.Any(p => responders.Contains(p)))
                {
                    point.Warn($"{name} at {at} needs {required} approver(s) and exactly {required} can approve on {surface} " +
                               $"({Names(reachable)}); if one of them chooses the option, the quorum cannot be met (the chooser cannot approve)",
                        $"Add another person to {groups} so the quorum of {name} survives one approver being the one who chose it.");
                }
            }
        }
    }

    private static bool IsReachable(PersonOptions person, string surface) =>
        surface == Surfaces.Console || person.Identities.TryGetValue(surface, out var id) && !string.IsNullOrWhiteSpace(id);

    private static string Names(IEnumerable<PersonOptions> people)
    {
        var ids = people.Select(p => p.Id).ToList();
        return ids.Count == 0 ? "nobody" : string.Join(", ", ids);
    }
}
