using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Incidents;

/// <summary>One containment attempt of an incident, as rebuilt from its events.</summary>
public sealed class Containment
{
    private readonly List<(string Person, string Note, bool AfterTheFact)> approvals = [];

    internal Containment(ContainmentChosen chosen, string chosenBy)
    {
        Attempt = chosen.Attempt;
        OptionId = chosen.OptionId;
        OptionTitle = chosen.OptionTitle;
        Kind = chosen.Kind;
        Layer = chosen.Layer;
        RequiredApprovals = chosen.RequiredApprovals;
        ApproverGroups = chosen.ApproverGroups;
        BreakGlass = chosen.BreakGlass;
        FromVersion = chosen.FromVersion;
        ToVersion = chosen.ToVersion;
        ChosenBy = chosenBy;
    }

    /// <summary>1 for the first containment of the incident, 2 for the next...</summary>
    public int Attempt { get; }
    /// <summary>Runbook option id.</summary>
    public string OptionId { get; }
    /// <summary>Runbook option title.</summary>
    public string OptionTitle { get; }
    /// <summary>Kind of the option.</summary>
    public ContainmentKind Kind { get; }
    /// <summary>Layer it acts on.</summary>
    public string Layer { get; }
    /// <summary>Distinct approvals needed (after the fact for break-glass, at least one).</summary>
    public int RequiredApprovals { get; internal set; }
    /// <summary>Groups whose members may approve.</summary>
    public IReadOnlyList<string> ApproverGroups { get; }
    /// <summary>Executed by the commander before approval.</summary>
    public bool BreakGlass { get; }
    /// <summary>For rollbacks: the version live when it was chosen.</summary>
    public string? FromVersion { get; }
    /// <summary>For rollbacks: the last approved version it moves back to.</summary>
    public string? ToVersion { get; }
    /// <summary>Person who chose it (may not approve it).</summary>
    public string ChosenBy { get; }
    /// <summary>Where it stands.</summary>
    public ContainmentStatus Status { get; internal set; } = ContainmentStatus.AwaitingApproval;
    /// <summary>Why it was rejected or failed, if it was.</summary>
    public string? Outcome { get; internal set; }
    /// <summary>People who approved, in order.</summary>
    public IReadOnlyList<string> Approvers => approvals.Select(a => a.Person).ToList();

    /// <summary>Approvals still needed (0 when none).</summary>
    public int ApprovalsMissing => Math.Max(0, ApprovalsNeeded - approvals.Count);

    /// <summary>Approvals needed in all; break-glass containments need at least one, after the fact.</summary>
    public int ApprovalsNeeded => BreakGlass ? Math.Max(1, RequiredApprovals) : RequiredApprovals;

    internal bool HasApproved(string person) => approvals.Any(a => a.Person == person);

    internal void AddApproval(string person, string note, bool afterTheFact) => approvals.Add((person, note, afterTheFact));
}

/// <summary>Where a containment attempt stands.</summary>
public enum ContainmentStatus
{
    /// <summary>Waiting for approvals.</summary>
    AwaitingApproval,
    /// <summary>Rejected by an approver.</summary>
    Rejected,
    /// <summary>Being executed.</summary>
    Executing,
    /// <summary>All steps succeeded.</summary>
    Executed,
    /// <summary>A step failed.</summary>
    Failed,
}
