namespace IncidentBot.Core.Readiness;

/// <summary>The health probe of one origin a runbook's steps or checks call (point 7).</summary>
/// <param name="Origin"><c>scheme://host:port</c>.</param>
/// <param name="Answered">True when it answered with any HTTP status.</param>
/// <param name="Detail">The status it answered, or why it did not (DNS, refused, timed out).</param>
public sealed record EndpointProbe(string Origin, bool Answered, string Detail);
