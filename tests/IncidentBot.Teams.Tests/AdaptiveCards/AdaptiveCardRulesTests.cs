using System.Text.Json.Nodes;
using IncidentBot.TestSupport.AdaptiveCards;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

/// <summary>The card-rules checker finds each kind of broken card (a checker that cannot fail proves nothing).</summary>
public sealed class AdaptiveCardRulesTests
{
    private const string Valid = """
        {"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.5","body":[
          {"type":"TextBlock","text":"INC-7 · Refunds","weight":"bolder","wrap":true,"color":"attention"},
          {"type":"FactSet","facts":[{"title":"State","value":"Triage"}]},
          {"type":"Image","url":"https://example.com/a.png"},
          {"type":"ColumnSet","columns":[{"type":"Column","items":[{"type":"TextBlock","text":"[docs](https://example.com)"}]}]},
          {"type":"ActionSet","actions":[
            {"type":"Action.Execute","title":"Approve","verb":"approve","data":{"command":"/incident approve INC-7"},"style":"positive"},
            {"type":"Action.ShowCard","title":"Reject","card":{"type":"AdaptiveCard","body":[
              {"type":"Input.Text","id":"reason","label":"Why?","isRequired":true,"maxLength":2000},
              {"type":"ActionSet","actions":[{"type":"Action.Execute","title":"Reject","verb":"reject","data":{"input":"reason"}}]}]}},
            {"type":"Action.OpenUrl","title":"Runbook","url":"https://example.com/runbook"}]}]}
        """;

    [Fact]
    public void Check_ValidCard_NoProblems()
    {
        Assert.Empty(AdaptiveCardRules.Check(JsonNode.Parse(Valid)!));
    }

    [Theory]
    [InlineData("\"version\":\"1.5\"", "\"version\":\"1.6\"", "card.version: 1.6 is above 1.5")]
    [InlineData("\"version\":\"1.5\",", "", "card.version: missing")]
    [InlineData("\"version\":\"1.5\"", "\"version\":\"1.3\"", "Action.Execute needs version 1.4")]
    [InlineData("{\"type\":\"Image\"", "{\"type\":\"Carousel\"", "'Carousel' is not an element")]
    [InlineData("\"type\":\"Action.OpenUrl\"", "\"type\":\"Action.Popover\"", "'Action.Popover' is not an action")]
    [InlineData("\"text\":\"INC-7 · Refunds\"", "\"text\":\"  \"", "card.body[0].text: empty text")]
    [InlineData("\"text\":\"INC-7 · Refunds\",", "", "card.body[0].text: missing")]
    [InlineData("\"value\":\"Triage\"", "\"value\":\"\"", "facts[0].value: empty text")]
    [InlineData("\"title\":\"Approve\",", "", "actions[0].title: missing")]
    [InlineData("\"verb\":\"approve\",", "", "actions[0].verb: missing")]
    [InlineData("\"id\":\"reason\",", "", "body[0].id: missing")]
    [InlineData("INC-7 · Refunds", "Hello ${name}", "unexpanded template")]
    [InlineData("\"weight\":\"bolder\"", "\"$when\":\"${x}\"", "template key")]
    [InlineData("https://example.com/runbook", "javascript:alert(1)", "not an absolute http(s) URL")]
    [InlineData("https://example.com/a.png", "data:image/png;base64,AAAA", "not an absolute http(s) URL")]
    [InlineData("[docs](https://example.com)", "[docs](javascript:alert(1))", "links to 'javascript:")]
    [InlineData("\"weight\":\"bolder\"", "\"weight\":\"heavy\"", "weight: '\"heavy\"' is not one of")]
    [InlineData("\"style\":\"positive\"", "\"style\":\"danger\"", "style: '\"danger\"' is not one of")]
    [InlineData("{\"type\":\"Column\",", "{\"type\":\"Container\",", "where a Column belongs")]
    [InlineData("\"maxLength\":2000", "\"maxLength\":-1", "maxLength: must be a positive integer")]
    public void Check_BrokenCard_NamesTheProblem(string from, string to, string expected)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var card = JsonNode.Parse(Valid.Replace(from, to, StringComparison.Ordinal))!;

        var problems = AdaptiveCardRules.Check(card);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ExecuteOutsideAnActionSet_IsAProblem()
    {
        var card = Card("""{"type":"Container","items":[{"type":"TextBlock","text":"x"}],"selectAction":{"type":"Action.Execute","title":"Go","verb":"go"}}""");

        Assert.Contains(AdaptiveCardRules.Check(card), p => p.Contains("belongs in an ActionSet", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ExecuteDirectlyInTheBody_IsNotAnElement()
    {
        var card = Card("""{"type":"Action.Execute","title":"Go","verb":"go"}""");

        Assert.Contains(AdaptiveCardRules.Check(card), p => p.Contains("'Action.Execute' is not an element", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SevenActionsInASet_IsAProblem()
    {
        var actions = string.Join(',', Enumerable.Range(0, 7).Select(i => $$"""{"type":"Action.Execute","title":"B{{i}}","verb":"v"}"""));

        var problems = AdaptiveCardRules.Check(Card($$"""{"type":"ActionSet","actions":[{{actions}}]}"""));

        Assert.Contains(problems, p => p.Contains("7 actions, at most 6", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DuplicateInputIds_IsAProblem()
    {
        var problems = AdaptiveCardRules.Check(Card("""{"type":"Input.Text","id":"reason"},{"type":"Input.Text","id":"reason"}"""));

        Assert.Contains(problems, p => p.Contains("input id 'reason' is used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_CardOver28KB_IsAProblem()
    {
        var big = new string('x', 29 * 1024);

        var problems = AdaptiveCardRules.Check(Card($$"""{"type":"TextBlock","text":"{{big}}"}"""));

        Assert.Contains(problems, p => p.Contains("bytes serialized, at most 28672", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NotACard_IsAProblem()
    {
        Assert.Equal(["card: not a JSON object"], AdaptiveCardRules.Check(new JsonArray()));
        Assert.Contains("card.type: must be AdaptiveCard", AdaptiveCardRules.Check(JsonNode.Parse("""{"type":"Card","version":"1.5","body":[{"type":"TextBlock","text":"x"}]}""")!));
    }

    private static JsonNode Card(string body) =>
        JsonNode.Parse($$"""{"type":"AdaptiveCard","version":"1.5","body":[{{body}}]}""")!;
}
