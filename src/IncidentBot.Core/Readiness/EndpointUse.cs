namespace IncidentBot.Core.Readiness;

/// <summary>One URL a runbook's step or check calls, reduced to what the readiness probe needs.</summary>
/// <param name="RunbookId">The runbook.</param>
/// <param name="Where">Option and step or check, e.g. <c>rollback-prompt step deploy-previous-prompt</c>, with
/// <c>(drill)</c> appended when filled from <c>Executors:DrillSettings</c>.</param>
/// <param name="Origin"><c>scheme://host:port</c>, null when the URL could not be filled in.</param>
/// <param name="Problem">Why not (a setting that is not configured, not an http(s) URL), null when <paramref name="Origin"/> is set.</param>
public sealed record EndpointUse(string RunbookId, string Where, string? Origin, string? Problem);
