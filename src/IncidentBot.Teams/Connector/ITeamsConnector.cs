using System.Text.Json.Nodes;

namespace IncidentBot.Teams.Connector;

/// <summary>
/// The Bot Framework connector calls the bot makes (Bot Framework REST API v3), against the <c>serviceUrl</c> of the
/// conversation. Contract for every call:
/// <list type="bullet">
/// <item>the service URL is https, or http on a loopback address (tests); anything else is refused before sending
/// (<see cref="TeamsApiException"/>, <c>service_url_refused</c>, not transient);</item>
/// <item>ids are sent as single path segments escaped like <see cref="Uri.EscapeDataString(string)"/>;</item>
/// <item>the bot's token travels only in <c>Authorization: Bearer</c>; when the connector answers 401 the token is
/// dropped and the call made once more with a fresh one;</item>
/// <item>each attempt is time-boxed and transient failures (429 with a short <c>Retry-After</c>, 412, 500, 502,
/// 503, 504, transport errors) are retried a bounded number of times; a posting call is not repeated when its outcome
/// is unknown (timeout or broken connection after the request left), see <see cref="TeamsApiException.OutcomeUnknown"/>;</item>
/// <item>every failure surfaces as <see cref="TeamsApiException"/>, except cancellation by the caller
/// (<see cref="OperationCanceledException"/>).</item>
/// </list>
/// </summary>
public interface ITeamsConnector
{
    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities</c>: a new message in the conversation
    /// (in a channel thread when the id carries <c>;messageid=</c>). Returns the new activity's id, or an empty string
    /// when the connector accepted the activity without naming one (Teams does so when it splits a message).</summary>
    Task<string> SendToConversationAsync(Uri serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken);

    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c>: a reply to
    /// <paramref name="activityId"/>. Returns the new activity's id, or an empty string as for
    /// <see cref="SendToConversationAsync"/>.</summary>
    Task<string> ReplyToActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken);

    /// <summary><c>PUT {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c>: replaces an activity
    /// the bot sent. Idempotent, so it is also retried after a timeout.</summary>
    Task UpdateActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken);
}
