using System.Text.Json.Nodes;
using IncidentBot.Teams.AdaptiveCards;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

public sealed class TeamsCardActionTests
{
    private static JsonNode Value(string verb, string data, string trigger = "\"manual\"") =>
        JsonNode.Parse($$"""{"action":{"type":"Action.Execute","id":"a1","verb":"{{verb}}","data":{{data}}},"trigger":{{trigger}}}""")!;

    [Fact]
    public void Parse_InvokeFromTeams_GivesTheCommandAndTheCardKey()
    {
        // The value of an adaptiveCard/action invoke as Teams sends it (reference/PROTOCOLS.md §10).
        var activity = JsonNode.Parse("""
            {"type":"invoke","name":"adaptiveCard/action","channelId":"msteams","id":"f:123",
             "from":{"id":"29:1XJK","aadObjectId":"7faf8ab2-3d56-4244-b585-20c8a42ed2b8"},
             "value":{"action":{"type":"Action.Execute","verb":"approve","data":{"command":"/incident approve INC-7","card":"INC-7@12"}},"trigger":"manual"}}
            """)!;
        Assert.Equal(TeamsCardAction.InvokeName, activity["name"]!.GetValue<string>());

        var parsed = TeamsCardAction.Parse(activity["value"]);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(new TeamsCardAction("/incident approve INC-7", "approve", "INC-7@12", null), parsed.Action);
    }

    [Fact]
    public void Parse_InputNamedByTheData_IsTrimmedFoldedAndAppended()
    {
        var parsed = TeamsCardAction.Parse(Value("reject", """{"command":"/incident reject INC-7","card":"INC-7@12","input":"reason","reason":"  too risky\r\n at peak\t "}"""));

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal("/incident reject INC-7 too risky at peak", parsed.Action!.CommandLine);
        Assert.Equal("too risky at peak", parsed.Action.InputText);
    }

    [Fact]
    public void Parse_NoTrigger_IsAClick()
    {
        var parsed = TeamsCardAction.Parse(JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"status","data":{"command":"/incident status INC-7"}}}"""));

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Null(parsed.Action!.CardKey);
    }

    [Theory]
    [InlineData("null", "no value object")]
    [InlineData("""{"trigger":"manual"}""", "no action")]
    [InlineData("""{"action":{"type":"Action.Execute","data":{"command":"/incident status"}}}""", "no verb")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"status","data":"x"}}""", "no data")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"status","data":{"card":"INC-7@1"}}}""", "no command")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"deploy","data":{"command":"/deploy prod"}}}""", "only send /incident commands")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"approve","data":{"command":"approve INC-7"}}}""", "only send /incident commands")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"approve","data":{"command":"/incidentapprove INC-7"}}}""", "only send /incident commands")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"approve","data":{"command":"/incident close INC-7"}}}""", "does not match")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"note","data":{"command":"/incident note INC-7 a\nb"}}}""", "control characters")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"status","data":{"command":"/incident status","card":5}}}""", "card key")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"reject","data":{"command":"/incident reject INC-7","input":"reason"}}}""", "Please type something")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"reject","data":{"command":"/incident reject INC-7","input":"reason","reason":"   "}}}""", "Please type something")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"reject","data":{"command":"/incident reject INC-7","input":"command"}}}""", "no valid input")]
    public void Parse_Malformed_IsABadRequestSayingWhy(string value, string why)
    {
        var parsed = TeamsCardAction.Parse(JsonNode.Parse(value));

        Assert.False(parsed.Ok);
        Assert.Equal("BadRequest", parsed.ErrorCode);
        Assert.Contains(why, parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"action":{"type":"Action.Submit","data":{"command":"/incident status"}}}""", "Only Action.Execute")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"status","data":{"command":"/incident status"}},"trigger":"automatic"}""", "automatic refresh")]
    public void Parse_OtherActionsAndRefresh_AreNotSupported(string value, string why)
    {
        var parsed = TeamsCardAction.Parse(JsonNode.Parse(value));

        Assert.Equal("NotSupported", parsed.ErrorCode);
        Assert.Contains(why, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLongCommandOrInput_IsRefusedNotCut()
    {
        var longCommand = "/incident note INC-7 " + new string('x', AdaptiveCardLimits.MaxCommandLength);
        var longInput = new string('y', AdaptiveCardLimits.MaxInputLength + 1);

        var command = TeamsCardAction.Parse(Value("note", $$"""{"command":"{{longCommand}}"}"""));
        var input = TeamsCardAction.Parse(Value("reject", $$"""{"command":"/incident reject INC-7","input":"reason","reason":"{{longInput}}"}"""));

        Assert.Contains("longer than", command.Error, StringComparison.Ordinal);
        Assert.Contains("under 2000", input.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliveryId_SameClickTwice_SameIdAndOtherTextOrCardOrPersonAnother()
    {
        var click = new TeamsCardAction("/incident reject INC-7 too risky", "reject", "INC-7@12", "too risky");

        var id = click.DeliveryId("7faf8ab2");

        Assert.Equal(id, (click with { }).DeliveryId("7faf8ab2"));
        Assert.StartsWith("teams:card:7faf8ab2:INC-7@12:", id, StringComparison.Ordinal);
        Assert.NotEqual(id, (click with { CommandLine = "/incident reject INC-7 other" }).DeliveryId("7faf8ab2"));
        Assert.NotEqual(id, (click with { CardKey = "INC-7@13" }).DeliveryId("7faf8ab2"));
        Assert.NotEqual(id, click.DeliveryId("someone-else"));
        Assert.Null((click with { CardKey = null }).DeliveryId("7faf8ab2"));
    }

    [Theory]
    [InlineData("/incident approve INC-7", "approve")]
    [InlineData("/INCIDENT Approve", "approve")]
    [InlineData("/incident  status", "status")]
    [InlineData("/incident", null)]
    [InlineData("/incidents approve", null)]
    [InlineData("/incident 7approve", null)]
    public void VerbOf_CommandLines(string command, string? verb)
    {
        Assert.Equal(verb, TeamsCardAction.VerbOf(command));
    }
}
