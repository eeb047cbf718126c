namespace IncidentBot.Core.Drills;

/// <summary>The drills run so far, as the readiness report asks for them.</summary>
public interface IDrillHistory
{
    /// <summary>The most recent drill of <paramref name="service"/> (by start time; ignoring case), or null when the
    /// service was never drilled.</summary>
    Task<DrillReport?> LastAsync(string service, CancellationToken cancellationToken);
}
