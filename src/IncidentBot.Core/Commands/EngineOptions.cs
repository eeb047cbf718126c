namespace IncidentBot.Core.Commands;

/// <summary>Engine settings. Section <c>Engine</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Engine";

    /// <summary>How far back before a declaration the triage card lists changes to the service. Default 24 hours.</summary>
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After this long without enough approvals, the thread gets a reminder. Default 15 minutes.</summary>
    public TimeSpan ApprovalReminderAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>After this long, the reminder escalates to <see cref="EscalationGroups"/>. Default 30 minutes.</summary>
    public TimeSpan ApprovalEscalateAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After this long, the choice expires back to the containment choice. Default 2 hours.</summary>
    public TimeSpan ApprovalExpireAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Groups an unanswered approval escalates to (added to the option's own). Default: none (the reminder is repeated to the option's groups).</summary>
    public List<string> EscalationGroups { get; set; } = [];

    /// <summary>After this long in review, the thread gets a reminder to finish it. Default 24 hours.</summary>
    public TimeSpan ReviewReminderAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Runbook used when a declaration names none and none matches the service, and when a firing alert matches
    /// no runbook's <c>applies_to</c>; people may pick another at triage. Default <c>general</c> (the shipped general
    /// runbook). When no runbook with this id is loaded, or it is set empty, a declaration must name its runbook and an
    /// unmatched alert is only recorded.</summary>
    public string? DefaultRunbook { get; set; } = "general";
}
