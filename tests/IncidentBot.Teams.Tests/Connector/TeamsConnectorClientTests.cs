using System.Net;
using IncidentBot.Teams.Connector;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class TeamsConnectorClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype;messageid=1481567603816", "1481567603816",
        "/teams/v3/conversations/19%3Aaebd0ad4d6ab42c8b9ed19c251c2fc37%40thread.skype%3Bmessageid%3D1481567603816/activities/1481567603816")]
    [InlineData("a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6GtieTJX663WuJCc1uA83n4CSrHSgGBj5XNYLcVlJAs2ZX8DbYBPck201w-", "1485983408511",
        "/teams/v3/conversations/a%3A17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6GtieTJX663WuJCc1uA83n4CSrHSgGBj5XNYLcVlJAs2ZX8DbYBPck201w-/activities/1485983408511")]
    [InlineData("19:ja0cu120i1jod12j@skype.net", "012ujdo0128", "/teams/v3/conversations/19%3Aja0cu120i1jod12j%40skype.net/activities/012ujdo0128")]
    public async Task ReplyToActivityAsync_GoldenIds_EncodedOnTheWire(string conversationId, string activityId, string expectedPath)
    {
        await using var bot = await ConnectorHarness.StartAsync();
        // Without the trailing slash: the client must add it.
        var serviceUrl = new Uri(bot.StandIn.ServiceUrl.AbsoluteUri.TrimEnd('/'));

        await bot.Connector.ReplyToActivityAsync(serviceUrl, conversationId, activityId, ConnectorHarness.Message("ack"), CancellationToken.None);

        var call = bot.StandIn.Transcript.Calls.Single();
        Assert.Equal(expectedPath, call.RawPath);
        Assert.Equal(conversationId, call.ConversationId);
        Assert.Equal(activityId, call.ReplyToId);
    }

    [Fact]
    public async Task SendToConversationAsync_NewMessage_ReturnsAssignedIdAndSendsTheActivity()
    {
        await using var bot = await ConnectorHarness.StartAsync();

        var id = await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "19:ops@thread.skype", ConnectorHarness.Message("INC-7 declared"), CancellationToken.None);

        var call = bot.StandIn.Transcript.RootMessages("19:ops@thread.skype").Single();
        Assert.Equal(call.ActivityId, id);
        Assert.Equal(ConnectorStandInCallKind.Send, call.Kind);
        Assert.Equal("POST", call.Method);
        Assert.Equal("INC-7 declared", call.Text);
        Assert.Equal("message", (string?)call.Activity["type"]);
    }

    [Fact]
    public async Task ReplyAndUpdate_AfterSend_RecordedAgainstTheRoot()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        var url = bot.StandIn.ServiceUrl;
        var root = await bot.Connector.SendToConversationAsync(url, "19:ops@thread.skype", ConnectorHarness.Message("card v1"), CancellationToken.None);

        var reply = await bot.Connector.ReplyToActivityAsync(url, "19:ops@thread.skype", root, ConnectorHarness.Message("approved by Ana"), CancellationToken.None);
        var threaded = await bot.Connector.SendToConversationAsync(url, "19:ops@thread.skype;messageid=" + root, ConnectorHarness.Message("runbook step 1 done"), CancellationToken.None);
        await bot.Connector.UpdateActivityAsync(url, "19:ops@thread.skype", root, ConnectorHarness.Message("card v2"), CancellationToken.None);

        var transcript = bot.StandIn.Transcript;
        Assert.Equal([reply, threaded], transcript.RepliesTo(root).Select(c => c.ActivityId));
        Assert.Equal("PUT", transcript.UpdatesOf(root).Single().Method);
        Assert.Equal("card v2", transcript.Current(root)!.Text);
        Assert.Single(transcript.RootMessages());
        Assert.Equal(1, bot.StandIn.TokenRequests);
    }

    [Fact]
    public async Task SendToConversationAsync_TokenRevoked_OneFreshTokenThenSuccess()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("one"), CancellationToken.None);
        bot.StandIn.RevokeIssuedTokens();

        await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("two"), CancellationToken.None);

        Assert.Equal(["one", "two"], bot.StandIn.Transcript.Calls.Select(c => c.Text));
        Assert.Equal(1, bot.StandIn.RefusedCalls);
        Assert.Equal(2, bot.StandIn.TokenRequests);
        Assert.Contains(bot.Logs.Lines, l => l.EventId == 7303);
    }

    [Fact]
    public async Task SendToConversationAsync_401EvenWithFreshToken_NotTransientAfterOneRefresh()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNext(401, errorCode: "BotNotRegistered");
        bot.StandIn.FailNext(401, errorCode: "BotNotRegistered");

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("BotNotRegistered", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.Equal(2, bot.StandIn.TokenRequests);
        Assert.Equal(2, bot.StandIn.CountOf(401));
        Assert.Equal(0, bot.StandIn.Transcript.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_ConcurrentSends_OneTokenRequest()
    {
        await using var bot = await ConnectorHarness.StartAsync();

        var sends = Enumerable.Range(0, 8).Select(i =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "19:ops@thread.skype", ConnectorHarness.Message("m" + i), CancellationToken.None));
        var ids = await Task.WhenAll(sends).WaitAsync(Wait);

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(1, bot.StandIn.TokenRequests);
    }

    [Fact]
    public async Task SendToConversationAsync_CallerCancels_OperationCanceled()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.StallNext(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();

        var send = bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), cancel.Token);
        await bot.StandIn.WaitForCallsAsync(1, Wait);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }
}
