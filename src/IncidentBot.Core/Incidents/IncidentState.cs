namespace IncidentBot.Core.Incidents;

/// <summary>Lifecycle states of an incident. The transitions between them are <see cref="Lifecycle.IncidentLifecycle"/>.</summary>
public enum IncidentState
{
    /// <summary>Declared; severity and affected layers not yet confirmed.</summary>
    Triage,
    /// <summary>Triaged; waiting for someone to choose a containment option.</summary>
    ContainmentChoice,
    /// <summary>A containment option was chosen and waits for its approvals.</summary>
    AwaitingApproval,
    /// <summary>The chosen containment is being carried out.</summary>
    Executing,
    /// <summary>Execution stopped at a failed step.</summary>
    ExecutionFailed,
    /// <summary>Executed; checking whether the system recovered.</summary>
    Verifying,
    /// <summary>Verification failed: the system did not recover.</summary>
    VerificationFailed,
    /// <summary>The system recovered.</summary>
    Recovered,
    /// <summary>Post-incident review under way.</summary>
    InReview,
    /// <summary>Review finished; the incident is over.</summary>
    Closed,
    /// <summary>Called off (false alarm, duplicate...).</summary>
    Cancelled,
}
