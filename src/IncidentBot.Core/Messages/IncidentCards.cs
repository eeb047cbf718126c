using System.Globalization;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Messages;

/// <summary>
/// Builds the incident card. Its buttons come only from the triggers the incident permits right now, so every
/// surface offers only legal moves; governance still judges who clicked.
/// </summary>
public static class IncidentCards
{
    /// <summary>The card for an incident as it is now.</summary>
    public static Card Status(Incident incident, Runbook runbook, IReadOnlyList<ChangeRecord>? recentChanges = null, string? headline = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(runbook);
        var fields = new List<CardField>
        {
            new("State", Describe(incident.State)),
            new("Severity", incident.Severity?.ToText() ?? "not triaged"),
            new("Service", incident.Service.Length > 0 ? incident.Service : "—"),
            new("Commander", incident.Commander),
        };
        fields.AddRange(AlertFields.For(incident));
        if (incident.Layers.Count > 0) fields.Add(new("Layers", string.Join(", ", incident.Layers)));
        if (incident.Containments.Count > 0) fields.Add(new("Service mode", incident.ServiceMode));
        if (incident.Current is { } c) fields.Add(new("Containment", DescribeContainment(c)));
        if (incident.PendingAfterTheFactApproval is { } p) fields.Add(new("Break-glass", $"'{p.OptionId}' needs {p.ApprovalsMissing} approval(s) after the fact"));
        if (incident.State == IncidentState.InReview) fields.AddRange(ReviewCard.Fields(incident, runbook));

        var changedLayers = ChangedLayers(incident, recentChanges);
        var text = headline is null ? Guidance(incident, runbook) : headline + "\n" + Guidance(incident, runbook);
        if (recentChanges is { Count: > 0 })
            text += "\nChanges to " + incident.Service + " before it was declared:\n" + string.Join('\n', recentChanges.Take(8).Select(DescribeChange));
        text += LayerHint(changedLayers);
        var context = $"Runbook {incident.RunbookVersion} · declared {incident.DeclaredUtc:yyyy-MM-dd HH:mm} UTC · v{incident.Version}";
        return new Card(
            (incident.IsDrill ? DrillMark : "") + $"{incident.Id} · {incident.Title}",
            text,
            fields,
            IncidentButtons.For(incident, runbook, changedLayers),
            incident.IsDrill ? DrillContext(incident.RunbookId) + " · " + context : context,
            ToneOf(incident),
            incident.Id,
            $"{incident.Id}@{incident.Version}");
    }

    /// <summary>What leads the title of a drill's card (<see cref="Incident.IsDrill"/>), so nobody takes it for a real incident.</summary>
    public const string DrillMark = "DRILL · ";

    /// <summary>The small print every drill's card carries.</summary>
    public static string DrillContext(string runbookId) =>
        $"Practice incident: a drill of {runbookId} against the drill settings; not a real incident.";

    /// <summary>A refusal, stated so the person knows what to do instead.</summary>
    public static Card Refusal(string verb, string reason, string? incidentId) =>
        new($"Refused: {verb}", reason, [], [], "Recorded as evidence.", CardTone.Warning, incidentId);

    /// <summary>A usage or information message that changed nothing.</summary>
    public static Card Notice(string title, string text, string? incidentId = null, CardTone tone = CardTone.Info) =>
        new(title, text, [], [], "", tone, incidentId);

    /// <summary>Human name of a state.</summary>
    public static string Describe(IncidentState state) => state switch
    {
        IncidentState.ContainmentChoice => "Containment choice",
        IncidentState.AwaitingApproval => "Awaiting approval",
        IncidentState.ExecutionFailed => "Execution failed",
        IncidentState.VerificationFailed => "Verification failed",
        IncidentState.InReview => "In review",
        _ => state.ToString(),
    };

    /// <summary>One line for a change record.</summary>
    public static string DescribeChange(ChangeRecord c) =>
        $"• {c.DeployedUtc.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)} {c.Layer} {c.Version} by {c.DeployedBy}{(c.Approved ? "" : " (not approved)")}{(c.Note.Length > 0 ? " — " + c.Note : "")}";

    /// <summary>At most this many changed layers are offered as triage buttons.</summary>
    internal const int MaxLayerHints = 4;

    /// <summary>While in triage: the layers changed in the window before the declaration, newest change first, each once.</summary>
    internal static IReadOnlyList<string> ChangedLayers(Incident incident, IReadOnlyList<ChangeRecord>? recentChanges) =>
        incident.State != IncidentState.Triage || recentChanges is null ? []
            : [.. recentChanges.OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).Select(c => c.Layer).Distinct(StringComparer.Ordinal).Take(MaxLayerHints)];

    private static string LayerHint(IReadOnlyList<string> layers) => layers.Count == 0 ? ""
        : $"\nLayers that changed, newest first: {string.Join(", ", layers)}. Roll back the one that drifted, not everything.";

    private static string DescribeContainment(Containment c)
    {
        var move = c.FromVersion is null ? "" : $" ({string.Join(", ", c.Moves)})";
        var approvals = c.ApprovalsNeeded == 0 ? "no approval needed"
            : $"{c.Approvers.Count}/{c.ApprovalsNeeded} approvals{(c.Approvers.Count > 0 ? " by " + string.Join(", ", c.Approvers) : "")}";
        return $"{c.OptionTitle}{move} — {StatusText(c)}; {approvals}{(c.BreakGlass ? "; break-glass" : "")}";
    }

    private static string StatusText(Containment c) => c.Status switch
    {
        ContainmentStatus.AwaitingApproval => "awaiting approval",
        ContainmentStatus.Rejected => "rejected: " + c.Outcome,
        ContainmentStatus.Executing => "executing",
        ContainmentStatus.Executed => "executed",
        _ => "failed: " + c.Outcome,
    };

    private static string Guidance(Incident incident, Runbook runbook) => incident.State switch
    {
        IncidentState.Triage => "Triage:\n" + string.Join('\n', runbook.TriageChecklist.Select(q => "☐ " + q)) +
                                $"\nThen: /incident triage {incident.Id} <sev1..sev4> [layer…]",
        IncidentState.ContainmentChoice => "Choose a containment:\n" + string.Join('\n', runbook.Options.Select(o =>
            $"• {o.Id}: {o.Title} ({o.Kind.ToString().ToLowerInvariant()}, {o.Layer}; {ApprovalText(o, incident)})")),
        IncidentState.AwaitingApproval when incident.Current is { } c =>
            $"'{c.OptionTitle}' needs {c.ApprovalsMissing} more approval(s) from {string.Join(" or ", c.ApproverGroups)}. {c.ChosenBy} chose it and cannot approve it.",
        IncidentState.Executing => "Executing the approved containment. Meanwhile: " + FallbackOf(incident, runbook),
        IncidentState.ExecutionFailed when incident.InterruptedStep is { } n =>
            $"The bot stopped during step {n + 1}, which is not safe to repeat blindly: it may or may not have taken effect. " +
            "Check it, then retry it, confirm it was done by hand and continue, choose another containment, or follow the fallback and confirm recovery: " + FallbackOf(incident, runbook),
        IncidentState.ExecutionFailed => "Execution stopped at a failed step" + (incident.Current?.Outcome is { } why ? $" ({why})" : "") +
            ". Retry, choose another containment, or follow the fallback and confirm recovery: " + FallbackOf(incident, runbook),
        IncidentState.Verifying => "Check that the system recovered, then confirm: " + ChecksOf(incident, runbook),
        IncidentState.VerificationFailed => "The system did not recover. Choose another containment, or confirm recovery by hand.",
        IncidentState.Recovered => "Recovered. Start the review when ready.",
        IncidentState.InReview => ReviewCard.Guidance(incident, runbook),
        IncidentState.Closed => "Closed.",
        _ => "Cancelled.",
    };

    /// <summary>How an option is approved at the incident's severity, in words.</summary>
    public static string ApprovalText(ContainmentOption o, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(incident);
        var n = o.Approval.RequiredFor(incident.Severity ?? Severity.Sev4);
        return n == 0 ? "no approval" : $"{n} approval(s) from {string.Join("/", o.Approval.Groups)}";
    }

    private static string FallbackOf(Incident incident, Runbook runbook) =>
        incident.Current is { } c && runbook.FindOption(c.OptionId) is { } o ? o.Fallback : "see the runbook";

    private static string ChecksOf(Incident incident, Runbook runbook) =>
        incident.Current is { } c && runbook.FindOption(c.OptionId) is { Checks.Count: > 0 } o
            ? string.Join("; ", o.Checks.Select(k => k.Title))
            : "the runbook names no checks; use your dashboards";

    private static CardTone ToneOf(Incident incident) => incident.State switch
    {
        IncidentState.ExecutionFailed or IncidentState.VerificationFailed => CardTone.Danger,
        IncidentState.AwaitingApproval => CardTone.Warning,
        IncidentState.Recovered or IncidentState.InReview or IncidentState.Closed => CardTone.Success,
        _ => CardTone.Info,
    };
}
