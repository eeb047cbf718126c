using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// A validated runbook. Immutable: an incident keeps the exact instance (identified by <see cref="ContentHash"/>)
/// it was declared with, so editing the YAML file never changes a running incident.
/// </summary>
/// <param name="Id">Stable identifier, e.g. <c>ai-assistant-drift</c>.</param>
/// <param name="Title">Human title.</param>
/// <param name="Version">The author's version label (free text, e.g. <c>3</c> or <c>2026-11-01</c>).</param>
/// <param name="AppliesTo">Services and alert labels this runbook is meant for.</param>
/// <param name="TriageChecklist">Questions the on-call engineer answers during triage.</param>
/// <param name="Options">Containment options, in the order they are offered.</param>
/// <param name="Review">The post-incident review template.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the YAML text exactly as loaded.</param>
/// <param name="SourcePath">Where it was loaded from (for messages only).</param>
/// <param name="SourceText">The YAML text exactly as loaded; stored with incidents so the pinned version can be reloaded.</param>
public sealed record Runbook(
    string Id,
    string Title,
    string Version,
    RunbookAppliesTo AppliesTo,
    IReadOnlyList<string> TriageChecklist,
    IReadOnlyList<ContainmentOption> Options,
    ReviewTemplate Review,
    string ContentHash,
    string SourcePath,
    string SourceText)
{
    /// <summary>The option with this id (ordinal, case-insensitive), or null.</summary>
    public ContainmentOption? FindOption(string optionId) =>
        Options.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Short form shown to people and stored in evidence: <c>id@version#hash12</c>.</summary>
    public string PinnedVersion => $"{Id}@{Version}#{ContentHash[..12]}";
}

/// <summary>What a runbook applies to: service names and alert labels that select it.</summary>
public sealed record RunbookAppliesTo(IReadOnlyList<string> Services, IReadOnlyDictionary<string, string> SignalLabels);

/// <summary>The kind of containment, which decides how it is executed.</summary>
public enum ContainmentKind
{
    /// <summary>Move one layer back to its last approved version.</summary>
    Rollback,
    /// <summary>Tighten a runtime control (force human review, block outputs, tighten a threshold...).</summary>
    Control,
    /// <summary>Pause one workflow path.</summary>
    Pause,
    /// <summary>Fall back to a manual procedure run by people.</summary>
    Manual,
}

/// <summary>A containment option of a runbook.</summary>
/// <param name="Id">Identifier used in <c>/incident contain &lt;id&gt;</c>.</param>
/// <param name="Title">What it does, in a few words.</param>
/// <param name="Kind">How it is executed.</param>
/// <param name="Layer">The layer it acts on (one of <see cref="Layers.All"/>).</param>
/// <param name="Description">Consequence stated to approvers (optional, may be empty).</param>
/// <param name="Approval">Who must approve, how many, and whether break-glass is allowed.</param>
/// <param name="Steps">Execution steps, run in order.</param>
/// <param name="Checks">Verification checks that decide whether the system recovered.</param>
/// <param name="Fallback">Instructions for the people who keep the business running meanwhile.</param>
public sealed record ContainmentOption(
    string Id,
    string Title,
    ContainmentKind Kind,
    string Layer,
    string Description,
    ApprovalPolicy Approval,
    IReadOnlyList<ExecutionStep> Steps,
    IReadOnlyList<VerificationCheck> Checks,
    string Fallback)
{
    /// <summary>Rollbacks only: layers that only work with this one (<c>moves_with</c>), so they are rolled back with
    /// it, each to its own last approved version (the embeddings model and the index built with it). Empty by default.</summary>
    public IReadOnlyList<string> MovesWith { get; init; } = [];
}

/// <summary>Approval policy of a containment option.</summary>
/// <param name="Required">Distinct approvals needed by default (0 = none needed).</param>
/// <param name="Groups">Approver groups (from <c>Governance:Groups</c>) whose members may approve.</param>
/// <param name="RequiredBySeverity">Overrides of <paramref name="Required"/> per severity.</param>
/// <param name="BreakGlass">Whether the commander may execute without approval, and at which severities.</param>
public sealed record ApprovalPolicy(
    int Required,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<Severity, int> RequiredBySeverity,
    BreakGlassPolicy BreakGlass)
{
    /// <summary>Approvals needed at this severity.</summary>
    public int RequiredFor(Severity severity) =>
        RequiredBySeverity.TryGetValue(severity, out var n) ? n : Required;
}

/// <summary>Break-glass: execution by the incident commander before approval, approved after the fact.</summary>
/// <param name="Allowed">False means never.</param>
/// <param name="Severities">Severities at which it is allowed (empty with Allowed = any severity).</param>
public sealed record BreakGlassPolicy(bool Allowed, IReadOnlyList<Severity> Severities)
{
    /// <summary>Not allowed at any severity.</summary>
    public static readonly BreakGlassPolicy Never = new(false, []);

    /// <summary>True when break-glass may be used at <paramref name="severity"/>.</summary>
    public bool AllowsAt(Severity severity) => Allowed && (Severities.Count == 0 || Severities.Contains(severity));
}

/// <summary>One execution step of a containment option.</summary>
/// <param name="Id">Identifier, unique in its option.</param>
/// <param name="Kind"><c>baseline</c> (move the option's layer to its last approved version), <c>manual</c>
/// (instructions people carry out) or <c>http</c> (a request to a deploy or control endpoint).</param>
/// <param name="Title">What the step does.</param>
/// <param name="Idempotent">Safe to repeat; only idempotent steps are ever retried or re-run.</param>
/// <param name="TimeoutSeconds">Per-step time limit (default 30).</param>
/// <param name="Instructions">For <c>manual</c> steps: what people do.</param>
/// <param name="Http">For <c>http</c> steps: the request.</param>
public sealed record ExecutionStep(
    string Id,
    string Kind,
    string Title,
    bool Idempotent,
    int TimeoutSeconds,
    string? Instructions,
    HttpStepSpec? Http);

/// <summary>An HTTP request template. <c>{{incident.id}}</c>-style placeholders are filled at execution.</summary>
public sealed record HttpStepSpec(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>A verification check.</summary>
/// <param name="Id">Identifier, unique in its option.</param>
/// <param name="Kind"><c>manual</c>, <c>http</c> or <c>prometheus</c>.</param>
/// <param name="Title">What it checks.</param>
/// <param name="IntervalSeconds">Seconds between polls (default 15).</param>
/// <param name="WindowSeconds">How long it may take to pass before it counts as failed (default 300).</param>
/// <param name="ConsecutivePasses">Passes in a row needed (default 1).</param>
/// <param name="Http">For <c>http</c> checks.</param>
/// <param name="Prometheus">For <c>prometheus</c> checks.</param>
public sealed record VerificationCheck(
    string Id,
    string Kind,
    string Title,
    int IntervalSeconds,
    int WindowSeconds,
    int ConsecutivePasses,
    HttpCheckSpec? Http,
    PrometheusCheckSpec? Prometheus);

/// <summary>An HTTP check: GET <paramref name="Url"/>, expect <paramref name="ExpectStatus"/>, and optionally
/// a JSON value at a dotted <paramref name="JsonPath"/> compared with <paramref name="ExpectValue"/>.</summary>
public sealed record HttpCheckSpec(string Url, int ExpectStatus, string? JsonPath, string? ExpectValue);

/// <summary>A Prometheus instant query compared with a threshold (<c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>==</c>).</summary>
public sealed record PrometheusCheckSpec(string BaseUrl, string Query, string Comparison, double Threshold);

/// <summary>The post-incident review template: the questions the review answers, and (optionally, per severity) what
/// the review must contain before the incident may close.</summary>
/// <param name="Questions">The questions the review answers.</param>
/// <param name="Required">What a review must contain, by severity; a severity not listed requires nothing.</param>
public sealed record ReviewTemplate(IReadOnlyList<string> Questions, IReadOnlyDictionary<Severity, ReviewRequirement>? Required = null)
{
    /// <summary>What the review of an incident at <paramref name="severity"/> must contain (nothing when not listed).</summary>
    public ReviewRequirement RequiredFor(Severity severity) =>
        Required is not null && Required.TryGetValue(severity, out var r) ? r : ReviewRequirement.None;
}

/// <summary>What a review must contain before the incident may close.</summary>
/// <param name="Learnings">At least this many learnings.</param>
/// <param name="FollowUpsWithOwner">At least this many follow-ups that name an owner.</param>
/// <param name="QuestionsAnswered">At least this many review questions answered (ignored when
/// <paramref name="AllQuestionsAnswered"/>).</param>
/// <param name="AllQuestionsAnswered">Every review question must be answered (<c>questions_answered: all</c>).</param>
public sealed record ReviewRequirement(int Learnings, int FollowUpsWithOwner, int QuestionsAnswered = 0, bool AllQuestionsAnswered = false)
{
    /// <summary>Requires nothing.</summary>
    public static readonly ReviewRequirement None = new(0, 0);

    /// <summary>How many of <paramref name="asked"/> questions must be answered (never more than were asked).</summary>
    public int AnswersNeeded(int asked) => AllQuestionsAnswered ? asked : Math.Min(QuestionsAnswered, asked);
}
