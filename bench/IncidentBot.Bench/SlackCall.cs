namespace IncidentBot.Bench;

/// <summary>One Web API call the stand-in received: when, which method, where, its answer's status, and its JSON body.</summary>
/// <param name="Ts">For <c>chat.postMessage</c> the ts the stand-in gave the new message; for <c>chat.update</c> the ts updated.</param>
internal sealed record SlackCall(TimeSpan At, string Method, string Channel, string? ThreadTs, string? Ts, int Status, string Body);
