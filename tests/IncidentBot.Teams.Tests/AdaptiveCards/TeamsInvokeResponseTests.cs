using System.Text.Json.Nodes;
using IncidentBot.Teams.AdaptiveCards;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

public sealed class TeamsInvokeResponseTests
{
    [Fact]
    public void Card_WrapsACopyOfTheCard()
    {
        var card = new AdaptiveCardRenderer().Render(AdaptiveCardRendererTests.CardWith());

        var response = TeamsInvokeResponse.Card(card);

        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", response["type"]!.GetValue<string>());
        Assert.Equal(card.ToJsonString(), response["value"]!.ToJsonString());
        Assert.Null(card.Parent);
    }

    [Fact]
    public void Message_IsTheActivityMessageForm()
    {
        var response = TeamsInvokeResponse.Message("Acknowledged INC-42\n ${x}");

        Assert.Equal("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Acknowledged INC-42 $\u2060{x}"}""",
            response.ToJsonString());
    }

    [Fact]
    public void Error_IsTheBadRequestForm()
    {
        var response = TeamsInvokeResponse.Error("The action has no verb.");

        Assert.Equal("""{"statusCode":400,"type":"application/vnd.microsoft.error","value":{"code":"BadRequest","message":"The action has no verb."}}""",
            response.ToJsonString());
    }

    [Fact]
    public void Error_FromARefusedClick_CarriesItsCodeAndMessage()
    {
        var parsed = TeamsCardAction.Parse(JsonNode.Parse("""{"action":{"type":"Action.Submit"}}"""));

        var response = TeamsInvokeResponse.Error(parsed);

        Assert.Equal("NotSupported", response["value"]!["code"]!.GetValue<string>());
        Assert.Equal(parsed.Error, response["value"]!["message"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => TeamsInvokeResponse.Error(TeamsCardAction.Parse(JsonNode.Parse(
            """{"action":{"type":"Action.Execute","verb":"list","data":{"command":"/incident list"}}}"""))));
    }
}
