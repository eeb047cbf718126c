using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.TestSupport.AdaptiveCards;
using static IncidentBot.Teams.Tests.AdaptiveCards.CardJson;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

public sealed class AdaptiveCardRendererTests
{
    private static readonly AdaptiveCardRenderer Renderer = new();

    internal static Card CardWith(string text = "Refunds fail for EU customers.", IReadOnlyList<CardField>? fields = null,
        IReadOnlyList<CardButton>? buttons = null, string title = "INC-7 · Refunds failing", string context = "Runbook 3 · v12",
        CardTone tone = CardTone.Info, string? key = "INC-7@12") =>
        new(title, text, fields ?? [new("State", "Triage"), new("Severity", "sev2")], buttons ?? [], context, tone, "INC-7", key);

    [Fact]
    public void Render_Card_IsAnAdaptiveCard15WithTitleTextFactsAndSmallPrint()
    {
        var card = Renderer.Render(CardWith());

        Assert.Empty(AdaptiveCardRules.Check(card));
        Assert.Equal("AdaptiveCard", Type(card));
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
        var title = Body(card)[0]!;
        Assert.Equal("INC-7 · Refunds failing", Text(title));
        Assert.Equal("bolder", title["weight"]!.GetValue<string>());
        Assert.True(title["wrap"]!.GetValue<bool>());
        Assert.Equal("Refunds fail for EU customers.", Text(Body(card)[1]));
        var facts = Blocks(card, "FactSet").Single()["facts"]!.AsArray();
        Assert.Equal(["State: Triage", "Severity: sev2"], facts.Select(f => $"{f!["title"]}: {f["value"]}"));
        var small = Body(card).Last()!;
        Assert.Equal("Runbook 3 · v12", Text(small));
        Assert.Equal("small", small["size"]!.GetValue<string>());
        Assert.True(small["isSubtle"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(CardTone.Info, "default")]
    [InlineData(CardTone.Success, "good")]
    [InlineData(CardTone.Warning, "warning")]
    [InlineData(CardTone.Danger, "attention")]
    public void Render_Tone_ColoursTheTitle(CardTone tone, string color)
    {
        var card = Renderer.Render(CardWith(tone: tone));

        Assert.Equal(color, Body(card)[0]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void Render_DrillStatusCard_SaysDrillInTheTitleAndTheSmallPrint()
    {
        var runbook = IncidentCardSamples.Runbooks[0];

        var card = Renderer.Render(IncidentCardSamples.Drill(runbook));

        Assert.Empty(AdaptiveCardRules.Check(card));
        Assert.Equal("DRILL · INC-7 · Drill: " + runbook.Title, Text(Body(card)[0]));
        Assert.StartsWith($"Practice incident: a drill of {runbook.Id} against the drill settings; not a real incident. · Runbook ",
            Text(Body(card).Last()), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextWithLines_OneWrappingTextBlockPerLineAndNoEmptyOnes()
    {
        var card = Renderer.Render(CardWith(text: "Triage:\n☐ Who is affected?\n\n\nThen: /incident triage INC-7 sev2\n", context: "  "));

        var texts = Blocks(card, "TextBlock").Skip(1).ToList();
        Assert.Equal(["Triage:", "☐ Who is affected?", "Then: /incident triage INC-7 sev2"], texts.Select(t => Text(t)));
        Assert.Equal("none", texts[1]["spacing"]!.GetValue<string>());
        Assert.Null(texts[2]["spacing"]);
        Assert.All(texts, t => Assert.True(t["wrap"]!.GetValue<bool>()));
    }

    [Fact]
    public void Render_EmptyTitleTextFieldsAndContext_StillAValidCard()
    {
        var card = Renderer.Render(new Card("  ", "", [new("", "")], [], "", CardTone.Info));

        Assert.Empty(AdaptiveCardRules.Check(card));
        Assert.Equal("IncidentBot", Text(Assert.Single(Body(card))));
    }

    [Fact]
    public void Render_PlainButton_IsAnExecuteWithTheVerbAndOnlyIdsInItsData()
    {
        var card = Renderer.Render(CardWith(buttons: [new CardButton("Start review", "/incident review INC-7", ButtonStyle.Primary)]));

        var action = Assert.Single(Actions(card));
        Assert.Equal("Action.Execute", Type(action));
        Assert.Equal("Start review", action["title"]!.GetValue<string>());
        Assert.Equal("review", action["verb"]!.GetValue<string>());
        Assert.Equal("positive", action["style"]!.GetValue<string>());
        Assert.Equal("""{"command":"/incident review INC-7","card":"INC-7@12"}""", action["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData(ButtonStyle.Primary, "positive")]
    [InlineData(ButtonStyle.Danger, "destructive")]
    [InlineData(ButtonStyle.Default, null)]
    public void Render_ButtonStyle_MapsToActionStyle(ButtonStyle style, string? expected)
    {
        var card = Renderer.Render(CardWith(buttons: [new CardButton("SEV1", "/incident triage INC-7 sev1", style)]));

        Assert.Equal(expected, Actions(card).Single()["style"]?.GetValue<string>());
    }

    [Fact]
    public void Render_ButtonWithConfirm_IsAShowCardThatStatesTheConsequenceBeforeTheExecute()
    {
        var button = new CardButton("Approve", "/incident approve INC-7", ButtonStyle.Primary,
            new ConfirmDialog("Approve 'Roll back the prompt'?", "Your approval is recorded with your name. It moves the prompt layer from v42 back to v41.", "Approve"));

        var card = Renderer.Render(CardWith(buttons: [button]));

        var show = Assert.Single(Actions(card));
        Assert.Equal("Action.ShowCard", Type(show));
        Assert.Equal("Approve", show["title"]!.GetValue<string>());
        var inner = show["card"]!;
        Assert.Equal(["Approve 'Roll back the prompt'?", "Your approval is recorded with your name. It moves the prompt layer from v42 back to v41."],
            Blocks(inner, "TextBlock").Select(t => Text(t)));
        var execute = ExecuteOf(show);
        Assert.Equal("Approve", execute["title"]!.GetValue<string>());
        Assert.Equal("approve", execute["verb"]!.GetValue<string>());
        Assert.Equal("""{"command":"/incident approve INC-7","card":"INC-7@12"}""", execute["data"]!.ToJsonString());
        Assert.Empty(AdaptiveCardRules.Check(card));
    }

    [Fact]
    public void Render_ButtonWithConfirmAndPrompt_IsOneShowCardWithTheConsequenceTheInputAndTheExecute()
    {
        var card = Renderer.Render(CardWith(buttons: [new CardButton("Cancel incident", "/incident cancel INC-7", ButtonStyle.Danger,
            new ConfirmDialog("Cancel INC-7?", "The incident is called off.", "Cancel the incident", "Keep it open"), "Why call it off?")]));

        var show = Assert.Single(Actions(card));
        Assert.Equal(["Cancel INC-7?", "The incident is called off."], Blocks(show["card"]!, "TextBlock").Select(t => Text(t)));
        Assert.Equal("Why call it off?", Blocks(show["card"]!, "Input.Text").Single()["label"]!.GetValue<string>());
        Assert.Equal("Cancel the incident", ExecuteOf(show)["title"]!.GetValue<string>());
        Assert.Empty(AdaptiveCardRules.Check(card));
    }

    [Fact]
    public void Render_ButtonWithPrompt_IsAShowCardWithARequiredInputThatTheExecuteNames()
    {
        var card = Renderer.Render(CardWith(buttons:
        [
            new CardButton("Reject", "/incident reject INC-7", ButtonStyle.Danger, null, "Why reject it?"),
            new CardButton("Cancel incident", "/incident cancel INC-7", ButtonStyle.Danger, null, "Why call it off?"),
        ]));

        var inputs = Actions(card).Select(a => Blocks(a["card"]!, "Input.Text").Single()).ToList();
        Assert.Equal(["reason", "reason2"], inputs.Select(i => i["id"]!.GetValue<string>()));
        Assert.Equal("Why reject it?", inputs[0]["label"]!.GetValue<string>());
        Assert.True(inputs[0]["isRequired"]!.GetValue<bool>());
        Assert.Equal(AdaptiveCardLimits.MaxInputLength, inputs[0]["maxLength"]!.GetValue<int>());
        var execute = ExecuteOf(Actions(card)[1]);
        Assert.Equal("""{"command":"/incident cancel INC-7","card":"INC-7@12","input":"reason2"}""", execute["data"]!.ToJsonString());
        Assert.Equal("destructive", execute["style"]!.GetValue<string>());
        Assert.Empty(AdaptiveCardRules.Check(card));
    }

    [Fact]
    public void Render_ThirtyButtons_FiveActionSetsOfSixInTheBody()
    {
        var buttons = Enumerable.Range(1, 30).Select(i => new CardButton($"Lift control {i}", $"/incident lift INC-7 control-{i}", ButtonStyle.Default,
            i % 3 == 0 ? new ConfirmDialog("Lift the control?", "Turns it off again; needs the same approvals as turning it on.", "Lift it") : null,
            i % 5 == 0 ? "Why?" : null)).ToList();

        var card = Renderer.Render(CardWith(buttons: buttons));

        Assert.Empty(AdaptiveCardRules.Check(card));
        var sets = Blocks(card, "ActionSet").ToList();
        Assert.Equal(5, sets.Count);
        Assert.All(sets, s => Assert.Equal(6, s["actions"]!.AsArray().Count));
        Assert.Equal(buttons.Select(b => b.Command), Actions(card).Select(a => ExecuteOf(a)["data"]!["command"]!.GetValue<string>()));
        Assert.Null(card["actions"]);
    }

    [Theory]
    [InlineData("/deploy prod")]
    [InlineData("approve INC-7")]
    [InlineData("/incident")]
    [InlineData("/incident note INC-7 ${secret}")]
    [InlineData("/incident note INC-7 line\nbreak")]
    public void Render_ButtonThatIsNotAnIncidentCommand_IsLeftOutAndCounted(string command)
    {
        var card = Renderer.Render(CardWith(buttons: [new CardButton("Odd", command), new CardButton("Status", "/incident status INC-7")]));

        Assert.Equal("/incident status INC-7", Assert.Single(Actions(card))["data"]!["command"]!.GetValue<string>());
        Assert.Contains("1 action(s) could not be shown as buttons", Text(Body(card).Last()), StringComparison.Ordinal);
        Assert.Empty(AdaptiveCardRules.Check(card));
    }

    [Fact]
    public void Render_CardWithoutKey_DataCarriesOnlyTheCommand()
    {
        var card = Renderer.Render(CardWith(key: null, buttons: [new CardButton("Status", "/incident status INC-7")]));

        Assert.Equal("""{"command":"/incident status INC-7"}""", Actions(card).Single()["data"]!.ToJsonString());
    }

    [Fact]
    public void Render_KeyWithOddCharacters_IsMadeSafeAndStable()
    {
        var card = Renderer.Render(CardWith(key: "INC-7@12 ${x}\n", buttons: [new CardButton("Status", "/incident status INC-7")]));

        Assert.Equal("INC-7@12___x_", Actions(card).Single()["data"]!["card"]!.GetValue<string>());
    }

    [Fact]
    public void Render_SameCardTwice_SameJson()
    {
        var card = CardWith(buttons: [new CardButton("Reject", "/incident reject INC-7", ButtonStyle.Danger, null, "Why?")]);

        Assert.Equal(Renderer.Render(card).ToJsonString(), Renderer.Render(card).ToJsonString());
    }
}
