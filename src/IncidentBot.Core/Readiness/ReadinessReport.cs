namespace IncidentBot.Core.Readiness;

/// <summary>The readiness report: for each service, whether a rollback would work today, point by point.</summary>
/// <param name="GeneratedUtc">When the facts were gathered.</param>
/// <param name="Services">One entry per service, ordered by name.</param>
public sealed record ReadinessReport(DateTimeOffset GeneratedUtc, IReadOnlyList<ServiceReadiness> Services)
{
    /// <summary>The worst verdict of every point of every service (pass when there are no services).</summary>
    public ReadinessVerdict Verdict => Services.Count == 0 ? ReadinessVerdict.Pass : Services.Max(s => s.Verdict);
}
