using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Review;

/// <summary>One containment attempt as the review tells it: how it was decided and what it did.</summary>
/// <param name="Attempt">1 for the first.</param>
/// <param name="OptionId">Runbook option id.</param>
/// <param name="Title">Runbook option title.</param>
/// <param name="Kind">Kind of option.</param>
/// <param name="Layer">Layer it acted on.</param>
/// <param name="ChosenBy">Who chose it.</param>
/// <param name="ChosenAtUtc">When.</param>
/// <param name="BreakGlass">Executed before approval.</param>
/// <param name="Lifts">Lifted a control instead of applying it.</param>
/// <param name="Approvers">Who approved, in order.</param>
/// <param name="Status">Where it ended.</param>
/// <param name="Outcome">Why it was rejected or failed, or the execution's summary.</param>
/// <param name="Steps">Each step's last result.</param>
/// <param name="Retries">Times a person asked to run it again from a step.</param>
/// <param name="Interruptions">Times the bot died during a step that was not safe to repeat.</param>
/// <param name="Checks">Each automatic check's polls.</param>
/// <param name="Verification">The verdict (passed, failed, inconclusive, confirmed by a person), if any.</param>
public sealed record ReviewContainment(
    int Attempt, string OptionId, string Title, ContainmentKind Kind, string Layer, string ChosenBy, DateTimeOffset ChosenAtUtc,
    bool BreakGlass, bool Lifts, IReadOnlyList<string> Approvers, ContainmentStatus Status, string? Outcome,
    IReadOnlyList<ReviewStep> Steps, int Retries, int Interruptions, IReadOnlyList<ReviewCheck> Checks, string? Verification);

/// <summary>One step's result. A manual step reads "handed to people" until a person confirms it
/// (<see cref="ConfirmedBy"/>: an <c>ExecutionContinued</c> for that step, or a <c>RecoveryConfirmed</c>).</summary>
/// <param name="Index">0-based.</param>
/// <param name="StepId">Runbook step id.</param>
/// <param name="Kind">Executor kind (<c>http</c>, <c>manual</c>, ...).</param>
/// <param name="Result"><c>done</c>, <c>failed</c>, <c>handed to people</c>, <c>done by hand</c>, <c>started</c> (interrupted).</param>
/// <param name="Detail">The executor's summary (redacted as stored).</param>
/// <param name="AtUtc">When the result was recorded.</param>
/// <param name="ConfirmedBy">Who confirmed a manual or hand-done step, if anyone.</param>
/// <param name="ConfirmedAtUtc">When.</param>
public sealed record ReviewStep(int Index, string StepId, string Kind, string Result, string Detail, DateTimeOffset AtUtc,
    string? ConfirmedBy = null, DateTimeOffset? ConfirmedAtUtc = null);

/// <summary>One automatic check, named once, with its polls summed up.</summary>
/// <param name="CheckId">Runbook check id.</param>
/// <param name="Polls">How many polls.</param>
/// <param name="Passes">How many of them passed.</param>
/// <param name="LastStatus"><c>pass</c>, <c>fail</c> or <c>inconclusive</c>.</param>
/// <param name="LastDetail">The last poll's detail.</param>
/// <param name="LastAtUtc">When it was polled last.</param>
public sealed record ReviewCheck(string CheckId, int Polls, int Passes, string LastStatus, string LastDetail, DateTimeOffset LastAtUtc);
