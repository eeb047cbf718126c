namespace IncidentBot.Host.Tests.ScaleOut;

/// <summary>One Slack Web API call that reached <see cref="NodeKillSlack"/>: which node made it, the method, the JSON
/// body, whether the stand-in held it unanswered, and when it arrived.</summary>
public sealed record NodeKillSlackCall(string Node, string Method, string Body, bool Held, DateTimeOffset At);
