using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Messages;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.TestSupport.AdaptiveCards;
using static IncidentBot.Teams.Tests.AdaptiveCards.CardJson;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

/// <summary>Every card the renderer makes keeps the card rules, whatever people typed and however big it is.</summary>
public sealed class AdaptiveCardRendererRulesTests
{
    private static readonly AdaptiveCardRenderer Renderer = new();

    [Fact]
    public void Render_EveryRealCard_KeepsEveryRule()
    {
        var samples = IncidentCardSamples.All().ToList();
        var states = samples.Select(s => s.Name.Split(':').Last()).ToHashSet();

        var problems = samples.SelectMany(s => AdaptiveCardRules.Check(Renderer.Render(s.Card)).Select(p => $"{s.Name}: {p}")).ToList();

        Assert.Empty(problems);
        Assert.True(samples.Count > 60, $"only {samples.Count} sample cards");
        Assert.Superset(new HashSet<string> { "Triage", "ContainmentChoice", "AwaitingApproval", "ExecutionFailed", "Verifying", "InReview", "Closed", "Cancelled" }, states);
    }

    [Fact]
    public void Render_EveryRealButton_ClickedInTeams_GivesBackItsCommandWhichTheGrammarAccepts()
    {
        var clicks = 0;
        foreach (var (name, source) in IncidentCardSamples.All())
        {
            var card = Renderer.Render(source);
            var actions = Actions(card);
            Assert.True(source.Buttons.Count == actions.Count, $"{name}: {source.Buttons.Count} buttons, {actions.Count} actions");
            for (var i = 0; i < actions.Count; i++)
            {
                var button = source.Buttons[i];
                var execute = ExecuteOf(actions[i]);
                // What Teams sends: the action's data, merged with the value typed into the card's input.
                var data = (JsonObject)execute["data"]!.DeepClone();
                if (data["input"] is { } input) data[input.GetValue<string>()] = "  typed\nreason  ";
                var value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = execute["verb"]!.DeepClone(), ["data"] = data }, ["trigger"] = "manual" };

                var parsed = TeamsCardAction.Parse(value);

                Assert.True(parsed.Ok, $"{name} '{button.Label}': {parsed.Error}");
                var expected = button.InputPrompt is null ? button.Command : button.Command + " typed reason";
                Assert.Equal(expected, parsed.Action!.CommandLine);
                Assert.Equal(source.Key, parsed.Action.CardKey);
                Assert.True(CommandParser.Parse(parsed.Action.CommandLine).Ok, $"{name} '{button.Label}': the grammar refuses {parsed.Action.CommandLine}");
                clicks++;
            }
        }
        Assert.True(clicks > 100, $"only {clicks} buttons clicked");
    }

    [Fact]
    public void Render_HostileText_ShowsAsTypedWithoutLinksEmphasisOrTemplates()
    {
        const string evil = IncidentCardSamples.Hostile;
        var card = Renderer.Render(new Card(evil, evil, [new(evil, evil)], [new CardButton(evil, "/incident note INC-7 x", ButtonStyle.Default, new ConfirmDialog(evil, evil, evil), evil)], evil));

        Assert.Empty(AdaptiveCardRules.Check(card));
        var json = card.ToJsonString();
        var all = Strings(card).ToList();
        Assert.DoesNotContain(all, s => s.Contains("${", StringComparison.Ordinal) || s.Contains('\u202E'));
        // Markdown is read in TextBlock and fact text only; titles and labels are shown literally.
        var markdown = MarkdownTexts(card).ToList();
        Assert.True(markdown.Count >= 6, "title, text, fact, confirmation and small print");
        Assert.DoesNotContain(markdown, s => s.Contains("](", StringComparison.Ordinal) || s.Contains("**", StringComparison.Ordinal));
        var text = Text(Body(card)[1]);
        Assert.Equal("\\*\\*bold\\*\\* \\_it\\_ [x]\u2060(javascript:alert(1)) $\u2060{secret} <\u2060at>Everyone<\u2060/at> \\`code\\` \\~\\~gone\\~\\~ evil \\\\\\*", text);
        Assert.Contains("\\u2060", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeText_CutsTheTailWithANoteAndKeepsFieldsAndButtons()
    {
        var text = string.Concat(Enumerable.Repeat("Line with <b> & 😀 and **stars**\n", 4000));
        var card = Renderer.Render(AdaptiveCardRendererTests.CardWith(text: text,
            buttons: [new CardButton("Approve", "/incident approve INC-7", ButtonStyle.Primary)]));

        Assert.Empty(AdaptiveCardRules.Check(card));
        Assert.True(AdaptiveCardRenderer.SerializedBytes(card) <= AdaptiveCardLimits.CardBudgetBytes);
        Assert.Single(Actions(card));
        Assert.Single(Blocks(card, "FactSet"));
        var note = Assert.Single(Blocks(card, "TextBlock"), b => Text(b).Contains("Shortened for Teams", StringComparison.Ordinal));
        Assert.StartsWith("…", Text(note), StringComparison.Ordinal);
        Assert.Contains("status INC-7", Text(note), StringComparison.Ordinal);
        Assert.True(Blocks(card, "TextBlock").Count() > 50, "as much text as fits is kept");
    }

    [Fact]
    public void Render_EverythingHuge_StaysWithinTheBudgetKeepingTheButtonsFirst()
    {
        var label = new string('L', 299) + "😀";
        var buttons = Enumerable.Range(0, 30).Select(i => new CardButton(label, $"/incident note INC-7 {new string('n', 900)} {i}", (ButtonStyle)(i % 3),
            new ConfirmDialog(new string('T', 300), string.Concat(Enumerable.Repeat("😀 <x> ", 400)), new string('C', 100)), i % 2 == 0 ? new string('P', 500) : null)).ToList();
        var fields = Enumerable.Range(0, 200).Select(i => new CardField("Field " + i, new string('v', 2500))).ToList();
        var source = AdaptiveCardRendererTests.CardWith(text: new string('x', 100_000), fields: fields, buttons: buttons,
            title: new string('H', 5000), context: new string('c', 5000));

        var card = Renderer.Render(source);

        Assert.Empty(AdaptiveCardRules.Check(card));
        Assert.True(AdaptiveCardRenderer.SerializedBytes(card) <= AdaptiveCardLimits.CardBudgetBytes);
        Assert.NotEmpty(Actions(card));
        Assert.Empty(Blocks(card, "FactSet"));
        Assert.Contains(Blocks(card, "TextBlock"), b => Text(b).Contains("button(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ManyFields_DropsTheLastFieldsBeforeAnyButton()
    {
        var fields = Enumerable.Range(0, 100).Select(i => new CardField("Field " + i, new string('v', 900))).ToList();
        var buttons = Enumerable.Range(0, 12).Select(i => new CardButton("Lift " + i, $"/incident lift INC-7 c{i}")).ToList();

        var card = Renderer.Render(AdaptiveCardRendererTests.CardWith(fields: fields, buttons: buttons));

        Assert.Empty(AdaptiveCardRules.Check(card));
        Assert.Equal(12, Actions(card).Count);
        var shown = Blocks(card, "FactSet").Single()["facts"]!.AsArray().Count;
        Assert.InRange(shown, 1, 99);
        Assert.Contains(Blocks(card, "TextBlock"), b => Text(b).Contains($"{100 - shown} field(s)", StringComparison.Ordinal));
    }
}
