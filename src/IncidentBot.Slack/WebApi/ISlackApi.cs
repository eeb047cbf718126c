using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// The Slack Web API calls the bot makes. Contract: every call is time-boxed and retried (bounded) on transport
/// errors, 5xx and 429 honouring <c>Retry-After</c>; <c>ok:false</c> answers throw <see cref="SlackApiException"/>
/// carrying Slack's error code; the bot token is sent only in the <c>Authorization</c> header and never logged.
/// </summary>
public interface ISlackApi
{
    /// <summary><c>chat.postMessage</c>; returns the new message's <c>ts</c>.</summary>
    Task<string> PostMessageAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>chat.update</c> of a message the bot posted.</summary>
    Task UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>chat.postEphemeral</c>: only <paramref name="user"/> sees it.</summary>
    Task PostEphemeralAsync(string channel, string user, string? threadTs, SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>views.open</c> with a trigger id (valid 3 seconds, single use).</summary>
    Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken);
}
