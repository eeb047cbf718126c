using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Incidents;

/// <summary>One containment attempt of an incident, as rebuilt from its events.</summary>
public sealed class Containment
{
    private readonly List<(string Person, string Note, bool AfterTheFact)> approvals = [];
    private readonly Dictionary<int, StepState> steps = [];
    private readonly Dictionary<string, int> checkStreaks = new(StringComparer.Ordinal);

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
        Lifts = chosen.Lifts;
        Coupled = chosen.Coupled ?? [];
        ChosenBy = chosenBy;
    }

    private Containment(Containment source)
    {
        (Attempt, OptionId, OptionTitle, Kind, Layer, RequiredApprovals, ApproverGroups, BreakGlass) =
            (source.Attempt, source.OptionId, source.OptionTitle, source.Kind, source.Layer, source.RequiredApprovals, source.ApproverGroups, source.BreakGlass);
        (FromVersion, ToVersion, Lifts, Coupled, ChosenBy, Status, Outcome, Resumptions, VerifyingSince) =
            (source.FromVersion, source.ToVersion, source.Lifts, source.Coupled, source.ChosenBy, source.Status, source.Outcome, source.Resumptions, source.VerifyingSince);
        approvals.AddRange(source.approvals);
        foreach (var (index, state) in source.steps) steps[index] = state;
        foreach (var (check, streak) in source.checkStreaks) checkStreaks[check] = streak;
    }

    /// <summary>An independent copy, for <see cref="Incident.Copy"/>.</summary>
    internal Containment Copy() => new(this);

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
    /// <summary>For rollbacks of coupled layers (<c>moves_with</c>): the other layers moved back with <see cref="Layer"/>.</summary>
    public IReadOnlyList<LayerMove> Coupled { get; }
    /// <summary>For rollbacks: every layer this attempt moves back, its own layer first.</summary>
    public IReadOnlyList<LayerMove> Moves => FromVersion is null || ToVersion is null ? [] : [new LayerMove(Layer, FromVersion, ToVersion), .. Coupled];
    /// <summary>True when this attempt lifts the option's control instead of applying it.</summary>
    public bool Lifts { get; }
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

    /// <summary>Where each step stands (by index); steps never started are absent.</summary>
    public IReadOnlyDictionary<int, StepState> Steps => steps;

    /// <summary>How many times a person asked to run this containment again (retry or continue).</summary>
    public int Resumptions { get; internal set; }

    /// <summary>When verification of this containment started (the execution succeeded), if it did.</summary>
    public DateTimeOffset? VerifyingSince { get; internal set; }

    /// <summary>Consecutive passes of each automatic check so far.</summary>
    public IReadOnlyDictionary<string, int> CheckStreaks => checkStreaks;

    /// <summary>The state of step <paramref name="index"/>.</summary>
    public StepState StepStateOf(int index) => steps.GetValueOrDefault(index, StepState.NotStarted);

    internal void SetStep(int index, StepState state) => steps[index] = state;

    internal void SetStreak(string checkId, int streak) => checkStreaks[checkId] = streak;

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

/// <summary>Where one execution step stands.</summary>
public enum StepState
{
    /// <summary>Not run yet (or reset by a retry).</summary>
    NotStarted,
    /// <summary>Started and not finished: if the bot died here, the step may or may not have taken effect.</summary>
    Started,
    /// <summary>Finished successfully.</summary>
    Done,
    /// <summary>Finished with a failure.</summary>
    Failed,
    /// <summary>A person confirmed it was completed by hand.</summary>
    DoneByHand,
}
