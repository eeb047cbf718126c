using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>
/// One Teams channel as people use it, talking to a bot's <c>/api/messages</c> the way the connector does: every
/// request carries a fresh good token from <paramref name="tokens"/> and the stand-in's service URL. People post
/// (<see cref="SayAsync"/>), click buttons of cards the bot sent (<see cref="ClickAsync"/>), and the team adds the bot
/// (<see cref="AddBotAsync"/>). Every invoke answer is kept in <see cref="Answers"/>.
/// </summary>
internal sealed class TeamsChannel(HttpClient bot, InboundTokens tokens, ConnectorStandIn connector, string id)
{
    public const string MessagesPath = "api/messages";

    private readonly ConcurrentQueue<InvokeAnswer> answers = new();

    /// <summary>The channel id (<c>19:…@thread.tacv2</c>).</summary>
    public string Id => id;

    /// <summary>Every invoke answer received, in order.</summary>
    public IReadOnlyList<InvokeAnswer> Answers => [.. answers];

    /// <summary>Posts <paramref name="activity"/> with <paramref name="authorization"/> as the <c>Authorization</c> header
    /// (default: <c>Bearer</c> and a good token; null sends none).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Length > 0 ? authorization : "Bearer " + tokens.Good());
        return await bot.SendAsync(request);
    }

    /// <summary>The activity for <paramref name="from"/> writing <c>@IncidentBot {text}</c> (see <see cref="TeamsActivities.Message"/>).</summary>
    public JsonObject Message(TeamsPerson from, string text, string? threadRootId = null, string? activityId = null) =>
        TeamsActivities.Message(from, id, text, connector.ServiceUrl, connector.AppId, threadRootId, activityId);

    /// <summary><paramref name="from"/> writes <c>@IncidentBot {text}</c>; the bot must answer 200.</summary>
    public async Task SayAsync(TeamsPerson from, string text, string? threadRootId = null, string? activityId = null)
    {
        using var response = await PostAsync(Message(from, text, threadRootId, activityId));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{text}' from {from.PersonId}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary><paramref name="from"/> clicks <paramref name="execute"/> on the message <paramref name="card"/> the bot
    /// sent, typing <paramref name="typed"/> into the button's input when it has one.</summary>
    public Task<InvokeAnswer> ClickAsync(TeamsPerson from, ConnectorStandInCall card, JsonObject execute, string? typed = null) =>
        ClickAsync(from, card.ActivityId, card.ThreadRootId ?? card.ReplyToId ?? card.ActivityId, execute, typed);

    /// <summary><paramref name="from"/> clicks <paramref name="execute"/> on message <paramref name="cardActivityId"/> of
    /// the reply chain of <paramref name="threadRootId"/>.</summary>
    public async Task<InvokeAnswer> ClickAsync(TeamsPerson from, string cardActivityId, string threadRootId, JsonObject execute, string? typed = null)
    {
        var inputs = TeamsCards.InputId(execute) is { } input ? new Dictionary<string, string> { [input] = typed ?? "typed in the card" } : null;
        var activity = TeamsActivities.Invoke(from, id, execute, cardActivityId, threadRootId, connector.ServiceUrl, connector.AppId, inputs);
        return await InvokeAsync(activity, TeamsCards.Command(execute));
    }

    /// <summary>Posts an invoke activity and reads the invoke response.</summary>
    public async Task<InvokeAnswer> InvokeAsync(JsonObject invoke, string command)
    {
        using var response = await PostAsync(invoke);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && response.Content.Headers.ContentType is { MediaType: "application/json" } && JsonNode.Parse(text) is JsonObject o
            ? o
            : new JsonObject { ["unreadable"] = text };
        var answer = new InvokeAnswer(response.StatusCode, body, command);
        answers.Enqueue(answer);
        return answer;
    }

    /// <summary>The team adds the bot: a <c>conversationUpdate</c> for this channel with the bot in <c>membersAdded</c>.</summary>
    public async Task AddBotAsync()
    {
        using var response = await PostAsync(TeamsActivities.BotAdded(id, connector.ServiceUrl, connector.AppId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
