using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Tests.Incidents.Lifecycle;

/// <summary>Every state, trigger and combination of guard inputs the lifecycle can be asked about.</summary>
internal static class LifecycleCases
{
    public const string IncidentId = "INC-7";

    public static IReadOnlyList<IncidentState> States { get; } = Enum.GetValues<IncidentState>();

    public static IReadOnlyList<Trigger> Triggers { get; } = Enum.GetValues<Trigger>();

    /// <summary>Each guard input over the values that tell its guards apart: approvals needed 0, 1, 2; break-glass
    /// allowed or not; approvals missing 0, 1 (quorum reached with one more), 2 (not); interrupted, controls in force,
    /// after-the-fact approval pending, each yes or no.</summary>
    public static IReadOnlyList<LifecycleInputs> Inputs { get; } =
    [
        .. from approvals in new[] { 0, 1, 2 }
           from breakGlass in new[] { false, true }
           from missing in new[] { 0, 1, 2 }
           from interrupted in new[] { false, true }
           from controls in new[] { false, true }
           from pending in new[] { false, true }
           select new LifecycleInputs(approvals, breakGlass, missing, interrupted, controls, pending),
    ];

    /// <summary>The values of <paramref name="inputs"/> in a fixed order, as golden files write them.</summary>
    public static string[] Fields(LifecycleInputs inputs) =>
    [
        inputs.CandidateApprovals.ToString(System.Globalization.CultureInfo.InvariantCulture), YesNo(inputs.CandidateBreakGlass),
        inputs.ApprovalsMissing.ToString(System.Globalization.CultureInfo.InvariantCulture), YesNo(inputs.ExecutionInterrupted),
        YesNo(inputs.ControlsInForce), YesNo(inputs.AfterTheFactApprovalPending),
    ];

    /// <summary>Names of <see cref="Fields"/>, for the golden file's header.</summary>
    public static readonly string[] FieldNames = ["approvals", "breakGlass", "missing", "interrupted", "controls", "pending"];

    /// <summary>What the Stateless lifecycle decides, as one line: where it leads, or the refusal a person reads.</summary>
    public static string Outcome(IncidentLifecycle lifecycle, IncidentState state, Trigger trigger, LifecycleInputs inputs)
    {
        var move = lifecycle.Decide(state, trigger, inputs);
        return move.Permitted ? $"-> {move.To}" : $"refused: {RefusalText.Refusal(trigger, state, IncidentId, move.Unmet)}";
    }

    private static string YesNo(bool b) => b ? "yes" : "no";
}
