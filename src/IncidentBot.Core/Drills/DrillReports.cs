using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Metrics;

namespace IncidentBot.Core.Drills;

/// <summary>
/// Builds a <see cref="DrillReport"/> from a drill's evidence events. Pure: no clock, no I/O; the times are the
/// <see cref="IncidentMilestones"/> the review and the metrics use, so the three always agree.
/// </summary>
public static class DrillReports
{
    /// <summary>The report of the drill <paramref name="id"/> whose events are <paramref name="events"/> (in order,
    /// starting with its declaration), or null when the stream does not start with a declaration or is not a drill.</summary>
    public static DrillReport? Build(string id, IReadOnlyList<EvidenceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(events);
        return IncidentMilestones.Fold(id, events) is var (milestones, incident) && incident.IsDrill
            ? From(milestones, incident, events)
            : null;
    }

    /// <summary>The report from a fold already made (<see cref="IncidentMilestones.Fold"/>), so a caller that folded
    /// the stream for something else does not fold it again.</summary>
    internal static DrillReport From(IncidentMilestones milestones, Incident incident, IReadOnlyList<EvidenceEvent> events)
    {
        var approvers = new List<string>();
        var failures = new List<string>();
        var options = new Dictionary<int, string>();
        var current = 0;
        (int Attempt, string StepId)? failedStep = null;
        foreach (var e in events)
        {
            switch (EventCodec.Deserialize(e.Type, e.PayloadJson))
            {
                case ContainmentChosen c:
                    options[c.Attempt] = c.OptionId;
                    current = c.Attempt;
                    break;
                case ApprovalGranted:
                    approvers.Add(e.Actor);
                    break;
                case ApprovalExpired x:
                    failures.Add($"{x.OptionId} approval expired (attempt {x.Attempt})");
                    break;
                case StepCompleted { Succeeded: false } s:
                    failures.Add($"{Option(options, s.Attempt)} step {s.StepId}: {s.Summary}");
                    failedStep = (s.Attempt, s.StepId);
                    break;
                case ExecutionFailed { InterruptedAt: not null } f:
                    failures.Add($"{f.OptionId} step {f.StepId} interrupted: {f.Error}");
                    break;
                case ExecutionFailed f:
                    // The runner records a failed step and then the failed execution; the step already said it.
                    if (failedStep != (f.Attempt, f.StepId)) failures.Add($"{f.OptionId} step {f.StepId}: {f.Error}");
                    failedStep = null;
                    break;
                case VerificationFailed v:
                    failures.Add($"{Option(options, current)} check {v.CheckId} failed: {v.Detail}");
                    break;
                case VerificationInconclusive v:
                    failures.Add($"{Option(options, current)} check {v.CheckId} inconclusive: {v.Detail}");
                    break;
            }
        }
        return new DrillReport(incident.Id, incident.Service, incident.RunbookId, incident.Severity, incident.State,
            milestones.DeclaredUtc, milestones.TriagedUtc - milestones.DeclaredUtc, milestones.ToApprove,
            milestones.ToMitigate, milestones.ToRecover, approvers, failures);
    }

    private static string Option(Dictionary<int, string> options, int attempt) => options.GetValueOrDefault(attempt, "-");
}
