using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Commands;

/// <summary>
/// A surface-neutral command: what a person (or the bot) asks for. Every surface's text, button or event becomes
/// one of these; the engine is the only thing that acts on them.
/// </summary>
public abstract record IncidentCommand
{
    /// <summary>The verb as typed (<c>approve</c>) or the system action name.</summary>
    public abstract string Verb { get; }

    /// <summary>The lifecycle trigger this command fires, or null for queries.</summary>
    public virtual Trigger? Trigger => null;

    /// <summary>An explicit <c>INC-n</c> given right after the verb; otherwise the conversation decides.</summary>
    public string? IncidentId { get; init; }

    /// <summary>True for commands that only read.</summary>
    public bool IsQuery => Trigger is null && this is not (DeclareCommand or DrillCommand);
}

/// <summary><c>declare &lt;title&gt; [severity] [service=NAME] [runbook=ID]</c> (severity: <see cref="Incidents.SeverityText.TryParseWord"/>)</summary>
public sealed record DeclareCommand(string Title, Severity? Severity, string? Service, string? RunbookId) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "declare";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Declare;
}

/// <summary><c>drill &lt;runbook&gt; [severity] [service=NAME]</c>: start a practice incident that runs the real
/// runbook against the drill settings; marked as a drill everywhere and never counted as a real incident.</summary>
public sealed record DrillCommand(string RunbookId, Severity? Severity, string? Service) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "drill";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Declare;
}

/// <summary><c>triage &lt;sev&gt; [layer…] [runbook=ID]</c>; <paramref name="RunbookId"/> re-picks the runbook
/// (allowed until a containment is chosen).</summary>
public sealed record TriageCommand(Severity Severity, IReadOnlyList<string> Layers, string? RunbookId = null) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "triage";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Triage;
}

/// <summary><c>contain &lt;option-id&gt; [break-glass]</c>; without an id it lists the options.</summary>
public sealed record ContainCommand(string? OptionId, bool BreakGlass) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "contain";
    /// <inheritdoc />
    public override Trigger? Trigger => OptionId is null ? null : BreakGlass ? Incidents.Trigger.BreakGlass : Incidents.Trigger.ChooseContainment;
}

/// <summary>A command that carries one free text (note, reason, learning...).</summary>
public abstract record TextCommand(string Text) : IncidentCommand;

/// <summary><c>approve [note]</c></summary>
public sealed record ApproveCommand(string Note) : TextCommand(Note)
{
    /// <inheritdoc />
    public override string Verb => "approve";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Approve;
}

/// <summary><c>reject &lt;reason&gt;</c></summary>
public sealed record RejectCommand(string Reason) : TextCommand(Reason)
{
    /// <inheritdoc />
    public override string Verb => "reject";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Reject;
}

/// <summary><c>recovered [note]</c>: a person confirms recovery.</summary>
public sealed record RecoveredCommand(string Note) : TextCommand(Note)
{
    /// <inheritdoc />
    public override string Verb => "recovered";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ConfirmRecovered;
}

/// <summary><c>note &lt;text&gt;</c></summary>
public sealed record NoteCommand(string Note) : TextCommand(Note)
{
    /// <inheritdoc />
    public override string Verb => "note";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Note;
}

/// <summary><c>learn &lt;text&gt;</c></summary>
public sealed record LearnCommand(string Learning) : TextCommand(Learning)
{
    /// <inheritdoc />
    public override string Verb => "learn";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.RecordLearning;
}

/// <summary><c>followup &lt;text&gt; [owner=PERSON] [due=YYYY-MM-DD]</c></summary>
public sealed record FollowUpCommand(string Action, string? Owner = null, DateOnly? Due = null) : TextCommand(Action)
{
    /// <inheritdoc />
    public override string Verb => "followup";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.AddFollowUp;
}

/// <summary><c>factor &lt;text&gt;</c>: a contributing factor.</summary>
public sealed record FactorCommand(string Factor) : TextCommand(Factor)
{
    /// <inheritdoc />
    public override string Verb => "factor";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.RecordFactor;
}

/// <summary><c>answer &lt;n&gt; &lt;text&gt;</c>: answers review question n (1-based).</summary>
public sealed record AnswerCommand(int Number, string Answer) : TextCommand(Answer)
{
    /// <inheritdoc />
    public override string Verb => "answer";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.AnswerQuestion;
}

/// <summary><c>cancel &lt;reason&gt;</c></summary>
public sealed record CancelCommand(string Reason) : TextCommand(Reason)
{
    /// <inheritdoc />
    public override string Verb => "cancel";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Cancel;
}

/// <summary><c>assign &lt;role&gt; &lt;user&gt;</c>; the user <c>me</c> is the sender.</summary>
public sealed record AssignCommand(string Role, string User) : IncidentCommand
{
    /// <summary>The user that means the sender of the command.</summary>
    public const string Me = "me";

    /// <summary>Roles an incident knows.</summary>
    public static readonly IReadOnlyList<string> Roles = ["commander", "deputy", "scribe", "comms", "ops", "liaison"];
    /// <inheritdoc />
    public override string Verb => "assign";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.AssignRole;
}

/// <summary><c>review</c></summary>
public sealed record ReviewCommand : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "review";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.StartReview;
}

/// <summary><c>close</c></summary>
public sealed record CloseCommand : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "close";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Close;
}

/// <summary><c>status</c></summary>
public sealed record StatusCommand : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "status";
}

/// <summary><c>list</c></summary>
public sealed record ListCommand : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "list";
}

/// <summary><c>changes [service]</c></summary>
public sealed record ChangesCommand(string? Service) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "changes";
}

/// <summary><c>export [md|json|csv]</c></summary>
public sealed record ExportCommand(string Format) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "export";
}

/// <summary><c>help [verb]</c></summary>
public sealed record HelpCommand(string? Topic) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "help";
}

/// <summary><c>retry [note]</c>: run the failed or interrupted containment again from the step that did not finish.</summary>
public sealed record RetryCommand(string Note) : TextCommand(Note)
{
    /// <inheritdoc />
    public override string Verb => "retry";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.RetryExecution;
}

/// <summary><c>continue [note]</c>: the interrupted step was completed by hand; go on after it.</summary>
public sealed record ContinueCommand(string Note) : TextCommand(Note)
{
    /// <inheritdoc />
    public override string Verb => "continue";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ContinueExecution;
}

/// <summary><c>lift &lt;option-id&gt;</c>: lift a runtime control or pause that is in force (approved like the option).</summary>
public sealed record LiftCommand(string OptionId) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "lift";
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.LiftControl;
}
