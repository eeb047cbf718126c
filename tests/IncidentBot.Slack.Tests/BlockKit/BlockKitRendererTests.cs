using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Runbooks;
using IncidentBot.TestSupport;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Tests.BlockKit;

public sealed class BlockKitRendererTests
{
    private static readonly BlockKitRenderer Renderer = new();

    private static JsonObject AsMessage(SlackMessage m) => new() { ["text"] = m.Text, ["blocks"] = m.Blocks.DeepClone() };

    private static Card CardWith(string text = "Body", IReadOnlyList<CardField>? fields = null, IReadOnlyList<CardButton>? buttons = null,
        string title = "INC-7 · Refunds", string context = "Runbook 3 · v12", string? key = "INC-7@12") =>
        new(title, text, fields ?? [new("State", "Triage")], buttons ?? [], context, CardTone.Info, "INC-7", key);

    private static IEnumerable<JsonObject> Blocks(SlackMessage m, string type) => m.Blocks.OfType<JsonObject>().Where(b => b["type"]!.GetValue<string>() == type);

    private static IEnumerable<JsonObject> Buttons(SlackMessage m) => Blocks(m, "actions").SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>());

    [Fact]
    public void Render_PeoplesText_IsEscapedSoItNeitherPingsNorLinks()
    {
        const string evil = "<!channel> & <https://evil|click>";
        var card = CardWith(text: evil, fields: [new("State", evil), new(evil, "x")], title: evil, context: evil);

        var message = Renderer.Render(card);

        var json = AsMessage(message).ToJsonString();
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil", json.Replace(Blocks(message, "header").Single().ToJsonString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        var section = Blocks(message, "section").First()["text"]!["text"]!.GetValue<string>();
        Assert.Equal("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;", section);
        Assert.Contains("&lt;!channel&gt;", message.Text, StringComparison.Ordinal);
        // The header is plain_text: Slack shows it literally and never parses mentions or links there.
        Assert.Equal("plain_text", Blocks(message, "header").Single()["text"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Render_OversizedCard_RespectsEveryLimit()
    {
        // Arrange: 60 buttons with 300-character labels, 5000-character text with entities, 25 long fields.
        var label = new string('L', 299) + "😀";
        var buttons = Enumerable.Range(0, 60).Select(i => new CardButton(label, $"/incident note INC-7 {i}", (ButtonStyle)(i % 3),
            new ConfirmDialog(new string('T', 300), new string('X', 900), new string('C', 100), new string('D', 100)))).ToList();
        var text = string.Concat(Enumerable.Repeat("a<b>&c 😀 ", 500));
        var fields = Enumerable.Range(0, 25).Select(i => new CardField("Field " + i, new string('v', 2500))).ToList();
        var card = CardWith(text: text, fields: fields, buttons: buttons, title: new string('H', 400), context: new string('c', 5000));

        // Act
        var message = Renderer.Render(card);

        // Assert
        Assert.Empty(BlockKitLimits.Validate(AsMessage(message)));
        Assert.Equal(60, Buttons(message).Count());
        Assert.Equal(3, Blocks(message, "actions").Count());
        Assert.Equal(3, Blocks(message, "section").Count(b => b["fields"] is not null));
        Assert.True(Blocks(message, "section").Count(b => b["text"] is not null) >= 2, "5000 characters (more once escaped) need several sections");
    }

    [Fact]
    public void Render_ReviewWithThirtyLongQuestions_KeepsEveryAnswerButtonWithItsPromptClippedIntoTheActionId()
    {
        // Arrange: a runbook with far more (and longer) review questions than the shipped ones.
        var question = string.Concat(Enumerable.Repeat("Which evaluation would have caught it? ", 8));
        var buttons = Enumerable.Range(1, 30).Select(n => new CardButton($"Answer Q{n}", $"/incident answer INC-7 {n}", ButtonStyle.Default, null, question))
            .Append(new CardButton("Close incident", "/incident close INC-7", ButtonStyle.Default, new ConfirmDialog("Close the incident?", "Not ready.", "Try anyway")))
            .ToList();

        // Act
        var message = Renderer.Render(CardWith(buttons: buttons));

        // Assert
        Assert.Empty(BlockKitLimits.Validate(AsMessage(message)));
        Assert.Equal([25, 6], Blocks(message, "actions").Select(b => b["elements"]!.AsArray().Count));
        var answers = Buttons(message).Take(30).Select(b => b["action_id"]!.GetValue<string>()).ToList();
        Assert.All(answers, a => Assert.True(a.Length <= BlockKitLimits.MaxActionId, a));
        Assert.All(answers, a => Assert.StartsWith(question[..100], BlockKitRenderer.InputPromptOf(a), StringComparison.Ordinal));
    }

    [Fact]
    public void Render_HugeText_TruncatesToFiftyBlocksWithANoteAndKeepsTheButtons()
    {
        var card = CardWith(text: string.Concat(Enumerable.Repeat(new string('x', 2990) + "\n", 80)),
            buttons: [new CardButton("Approve", "/incident approve INC-7", ButtonStyle.Primary)]);

        var message = Renderer.Render(card);

        Assert.Empty(BlockKitLimits.Validate(AsMessage(message)));
        Assert.Equal(BlockKitLimits.MaxBlocksPerMessage, message.Blocks.Count);
        Assert.Single(Buttons(message));
        Assert.Contains(Blocks(message, "context"), b => b.ToJsonString().Contains("not shown", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Buttons_CarryTheCommandAsValueAndTheCardKeyInTheBlockId()
    {
        var card = CardWith(buttons:
        [
            new CardButton("Approve", "/incident approve INC-7", ButtonStyle.Primary),
            new CardButton("Reject", "/incident reject INC-7", ButtonStyle.Danger, null, "Why reject it?"),
            new CardButton("Status", "/incident status INC-7"),
        ]);

        var message = Renderer.Render(card);

        var actions = Blocks(message, "actions").Single();
        Assert.Equal("INC-7@12:actions:0", actions["block_id"]!.GetValue<string>());
        var b = Buttons(message).ToList();
        Assert.Equal(["/incident approve INC-7", "/incident reject INC-7", "/incident status INC-7"], b.Select(x => x["value"]!.GetValue<string>()));
        Assert.Equal(["cmd:0", "input:1:Why reject it?", "cmd:2"], b.Select(x => x["action_id"]!.GetValue<string>()));
        Assert.Equal("Why reject it?", BlockKitRenderer.InputPromptOf(b[1]["action_id"]!.GetValue<string>()));
        Assert.Null(BlockKitRenderer.InputPromptOf(b[0]["action_id"]!.GetValue<string>()));
        var ids = message.Blocks.Select(x => x!["block_id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("INC-7@12:", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Styles_OnlyPrimaryAndDangerAreEmitted()
    {
        var card = CardWith(buttons: [new("P", "/incident a", ButtonStyle.Primary), new("D", "/incident b", ButtonStyle.Danger), new("N", "/incident c")]);

        var styles = Buttons(Renderer.Render(card)).Select(b => b["style"]?.GetValue<string>()).ToList();

        Assert.Equal(["primary", "danger", null], styles);
    }

    [Fact]
    public void Render_ButtonWithConfirmAndPrompt_ConfirmsFirstThenAsksForText()
    {
        var card = CardWith(buttons: [new("Cancel incident", "/incident cancel INC-7", ButtonStyle.Danger,
            new ConfirmDialog("Cancel INC-7?", "The incident is called off.", "Cancel the incident", "Keep it open"), "Why call it off?")]);

        var button = Buttons(Renderer.Render(card)).Single();

        Assert.Equal("Cancel the incident", button["confirm"]!["confirm"]!["text"]!.GetValue<string>());
        Assert.Equal("Why call it off?", BlockKitRenderer.InputPromptOf(button["action_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Render_ConfirmDialog_IsAPlainTextConfirmationObject()
    {
        var card = CardWith(buttons: [new("Close", "/incident close INC-7", ButtonStyle.Danger, new ConfirmDialog("Close it?", "It ends the review. <!here>", "Close it", "Keep open"))]);

        var confirm = Buttons(Renderer.Render(card)).Single()["confirm"]!.AsObject();

        Assert.Equal(("Close it?", "It ends the review. <!here>", "Close it", "Keep open", "danger"),
            (confirm["title"]!["text"]!.GetValue<string>(), confirm["text"]!["text"]!.GetValue<string>(), confirm["confirm"]!["text"]!.GetValue<string>(),
             confirm["deny"]!["text"]!.GetValue<string>(), confirm["style"]!.GetValue<string>()));
        Assert.All(new[] { "title", "text", "confirm", "deny" }, k => Assert.Equal("plain_text", confirm[k]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Render_CommandLongerThanAButtonValue_DropsTheButtonAndSaysSo()
    {
        var card = CardWith(buttons: [new("Note", "/incident note INC-7 " + new string('n', 2100)), new("Status", "/incident status INC-7")]);

        var message = Renderer.Render(card);

        Assert.Single(Buttons(message));
        Assert.Contains(Blocks(message, "context"), b => b.ToJsonString().Contains("could not be shown", StringComparison.Ordinal));
        Assert.Empty(BlockKitLimits.Validate(AsMessage(message)));
    }

    [Fact]
    public void Render_CardWithoutKeyOrText_StillHasFallbackTextAndUniqueIds()
    {
        var message = Renderer.Render(IncidentCards.Notice("", ""));

        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        Assert.Empty(BlockKitLimits.Validate(AsMessage(message)));
    }

    [Fact]
    public void Render_FallbackText_IsTitleAndState()
    {
        var message = Renderer.Render(CardWith(fields: [new("Severity", "sev2"), new("State", "Awaiting approval")]));

        Assert.Equal("INC-7 · Refunds · Awaiting approval", message.Text);
    }

    [Fact]
    public void Render_DrillStatusCard_SaysDrillInTheHeaderContextAndFallbackText()
    {
        // Arrange: Core's own card for a drill just started, over a shipped runbook.
        var runbook = RunbookCatalog.LoadDirectory(RepositoryRoot.Combine("runbooks")).Catalog.Find("service-release")!;
        var declared = new IncidentDeclared("Drill: " + runbook.Title, Severity.Sev3, "checkout-api", runbook.Id, runbook.ContentHash,
            runbook.PinnedVersion, "alice", "slack", null, Drill: true);
        var stored = new EvidenceEvent("INC-7", 1, "e1", nameof(IncidentDeclared), "alice", "slack",
            new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "{}", null, "", "");
        var incident = Incident.FromDecoded("INC-7", [(stored, declared)])!;

        // Act
        var message = Renderer.Render(IncidentCards.Status(incident, runbook));

        // Assert
        Assert.Empty(BlockKitLimits.Validate(AsMessage(message)));
        Assert.Equal("DRILL · INC-7 · Drill: Bad checkout-api release", Blocks(message, "header").Single()["text"]!["text"]!.GetValue<string>());
        Assert.StartsWith("DRILL · INC-7", message.Text, StringComparison.Ordinal);
        Assert.Contains(Blocks(message, "context"), b => b.ToJsonString().Contains(
            "Practice incident: a drill of service-release against the drill settings; not a real incident.", StringComparison.Ordinal));
    }
}
