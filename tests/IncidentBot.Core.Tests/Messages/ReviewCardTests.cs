using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Messages;

/// <summary>The card of an incident in review (<c>test-review</c> at sev1: 3 questions, every answer, 1 learning and
/// 1 follow-up with an owner required): what the review holds, what close still needs, and a button per legal addition.</summary>
public sealed class ReviewCardTests
{
    private readonly EngineHarness h = new();

    private async Task<string> InReviewAtSev1Async()
    {
        var id = await h.DriveToAsync(IncidentState.InReview, "test-review");
        Assert.Equal(CommandOutcome.Applied, (await h.SendAsync("alice", $"/incident triage {id} sev1")).Outcome);
        return id;
    }

    private async Task<Card> CardAsync(string id) => IncidentCards.Status(await h.LoadAsync(id), h.Catalog.Find("test-review")!);

    private static string Field(Card card, string label) => Assert.Single(card.Fields, f => f.Label == label).Value;

    [Fact]
    public async Task Status_PartialReview_ShowsItsContentAndWhatCloseStillNeeds()
    {
        // Arrange
        var id = await InReviewAtSev1Async();
        await h.SendAsync("alice", $"/incident learn {id} Prompt changes need an eval gate");
        await h.SendAsync("alice", $"/incident factor {id} No canary on refund questions");
        await h.SendAsync("alice", $"/incident followup {id} Rotate eval set owner=bob due=2026-12-20");
        await h.SendAsync("alice", $"/incident followup {id} Tell support");
        await h.SendAsync("alice", $"/incident answer {id} 2 carol approved it");

        // Act
        var card = await CardAsync(id);

        // Assert
        Assert.Equal("1\n• Prompt changes need an eval gate", Field(card, "Learnings"));
        Assert.Equal("1\n• No canary on refund questions", Field(card, "Contributing factors"));
        Assert.Equal("2 (1 with an owner)\n• Rotate eval set — owner bob, due 2026-12-20\n• Tell support — no owner", Field(card, "Follow-ups"));
        Assert.Equal("1/3", Field(card, "Questions answered"));
        Assert.Equal("answers to questions 1, 3 (1 of 3 answered)", Field(card, "Before close"));
        Assert.Contains("Unanswered questions:\n1. What would have caught it sooner?\n3. Which customers were affected?", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2. Who approved", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InReview_OffersAnAnswerButtonPerUnansweredQuestionAndOnlyLegalMoves()
    {
        // Arrange
        var id = await InReviewAtSev1Async();
        await h.SendAsync("alice", $"/incident answer {id} 2 carol approved it");

        // Act
        var card = await CardAsync(id);

        // Assert
        Assert.Equal(["Add learning", "Add follow-up", "Add contributing factor", "Answer Q1", "Answer Q3", "Close incident", "Cancel incident"],
            card.Buttons.Select(b => b.Label));
        var answers = card.Buttons.Where(b => b.Label.StartsWith("Answer Q", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"/incident answer {id} 1", $"/incident answer {id} 3"], answers.Select(b => b.Command));
        Assert.Equal(["What would have caught it sooner?", "Which customers were affected?"], answers.Select(b => b.InputPrompt));
        Assert.All(card.Buttons.Where(b => b.Label.StartsWith("Add", StringComparison.Ordinal)), b => Assert.False(string.IsNullOrWhiteSpace(b.InputPrompt)));
    }

    [Fact]
    public async Task Status_CloseWhileRequirementsMissing_ConfirmSaysWhatIsMissingAndThatItWillBeRefused()
    {
        // Arrange
        var id = await InReviewAtSev1Async();
        await h.SendAsync("alice", $"/incident learn {id} Prompt changes need an eval gate");

        // Act
        var close = Assert.Single((await CardAsync(id)).Buttons, b => b.Label == "Close incident");

        // Assert
        Assert.Equal($"/incident close {id}", close.Command);
        Assert.Equal(ButtonStyle.Default, close.Style);
        Assert.Equal("Not ready: sev1 still needs 1 follow-up with an owner (has 0) and answers to questions 1, 2, 3 (0 of 3 answered). " +
                     "The close will be refused until the review has them.", close.Confirm!.Text);
    }

    [Fact]
    public async Task Status_CompleteReview_SaysReadyOffersNoAnswerButtonsAndCloseSummarisesTheReview()
    {
        // Arrange
        var id = await InReviewAtSev1Async();
        await h.SendAsync("alice", $"/incident learn {id} Prompt changes need an eval gate");
        await h.SendAsync("alice", $"/incident followup {id} Rotate eval set owner=bob");
        foreach (var n in new[] { 1, 2, 3 }) await h.SendAsync("alice", $"/incident answer {id} {n} answer {n}");

        // Act
        var card = await CardAsync(id);

        // Assert
        Assert.Equal("nothing: ready to close", Field(card, "Before close"));
        Assert.Equal("3/3", Field(card, "Questions answered"));
        Assert.Contains("All 3 review questions are answered.", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Buttons, b => b.Label.StartsWith("Answer", StringComparison.Ordinal));
        var close = Assert.Single(card.Buttons, b => b.Label == "Close incident");
        Assert.Equal(ButtonStyle.Primary, close.Style);
        Assert.Equal("The review ends with 1 learning(s), 0 contributing factor(s), 1 follow-up(s) (1 with an owner) and 3 of 3 questions answered. " +
                     "Closed incidents accept only notes.", close.Confirm!.Text);
        Assert.Equal(CommandOutcome.Applied, (await h.SendAsync("alice", close.Command)).Outcome);
    }

    [Fact]
    public async Task FollowUpButton_TextTypedWithOwnerAndDue_RecordsTheOwnerAndDueDate()
    {
        // Arrange
        var id = await InReviewAtSev1Async();
        var button = Assert.Single((await CardAsync(id)).Buttons, b => b.Label == "Add follow-up");

        // Act: what every surface sends: the command, a space, the text typed into the prompt.
        var result = await h.SendAsync("alice", button.Command + " Rotate eval set owner=bob due=2026-12-20");

        // Assert
        Assert.Contains("owner=", button.InputPrompt, StringComparison.Ordinal);
        Assert.Contains("due=YYYY-MM-DD", button.InputPrompt, StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var added = (await h.EventsAsync(id)).Single(e => e.Type == nameof(FollowUpAdded));
        Assert.Equal(new FollowUpAdded("Rotate eval set", "bob", new DateOnly(2026, 12, 20)) { Moved = new(IncidentState.InReview, IncidentState.InReview) }, EventCodec.Deserialize(added.Type, added.PayloadJson));
    }

    [Fact]
    public async Task AnswerButton_TextTyped_RecordsTheAnswerToItsQuestion()
    {
        // Arrange
        var id = await InReviewAtSev1Async();
        var button = Assert.Single((await CardAsync(id)).Buttons, b => b.Label == "Answer Q3");

        // Act
        var result = await h.SendAsync("bob", button.Command + " about 40 customers");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var answer = Assert.Single((await h.LoadAsync(id)).Answers).Value;
        Assert.Equal((3, "Which customers were affected?", "about 40 customers"), (answer.Number, answer.Question, answer.Text));
    }
}
