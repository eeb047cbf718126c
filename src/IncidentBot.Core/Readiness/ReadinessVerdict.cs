namespace IncidentBot.Core.Readiness;

/// <summary>How one readiness point (or a service, or the whole report) stands; ordered so the worst is the largest.</summary>
public enum ReadinessVerdict
{
    /// <summary>Ready.</summary>
    Pass = 0,
    /// <summary>Works, but something should be looked at.</summary>
    Warn = 1,
    /// <summary>Not ready: a rollback would not work as the runbook promises.</summary>
    Fail = 2,
}
