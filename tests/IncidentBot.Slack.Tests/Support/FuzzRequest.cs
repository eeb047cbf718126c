namespace IncidentBot.Slack.Tests.Support;

/// <summary>One generated request: the route family it targets, what is sent, and whether its credentials are
/// valid (a Slack signature, a Bot Framework token or an API key, as the route needs).</summary>
internal sealed record FuzzRequest(string Route, HttpMethod Method, string Path, byte[] Body, string? ContentType, bool ValidCredentials, string Shape);
