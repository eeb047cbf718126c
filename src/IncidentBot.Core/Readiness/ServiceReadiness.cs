namespace IncidentBot.Core.Readiness;

/// <summary>The readiness of one service: its seven points and the worst of them.</summary>
/// <param name="Service">The service, as runbooks and the change log name it.</param>
/// <param name="Points">The seven points, in order.</param>
public sealed record ServiceReadiness(string Service, IReadOnlyList<ReadinessPoint> Points)
{
    /// <summary>The worst verdict of <see cref="Points"/> (pass when there are none).</summary>
    public ReadinessVerdict Verdict => Points.Count == 0 ? ReadinessVerdict.Pass : Points.Max(p => p.Verdict);
}
