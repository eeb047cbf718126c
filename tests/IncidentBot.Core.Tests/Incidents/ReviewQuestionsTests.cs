using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Incidents;

/// <summary>Review answers and <c>questions_answered</c>: <c>test-review</c> asks 3 questions and requires, at sev1,
/// 1 learning, 1 follow-up with an owner and every answer; at sev3, any 2 answers.</summary>
public sealed class ReviewQuestionsTests
{
    private readonly EngineHarness h = new();

    /// <summary>An incident of <c>test-review</c> in review, re-triaged to <paramref name="severity"/>.</summary>
    private async Task<string> InReviewAtAsync(string severity)
    {
        var id = await h.DriveToAsync(IncidentState.InReview, "test-review");
        Assert.Equal(CommandOutcome.Applied, (await h.SendAsync("alice", $"/incident triage {id} {severity}")).Outcome);
        return id;
    }

    private async Task LearnAndFollowUpAsync(string id)
    {
        Assert.Equal(CommandOutcome.Applied, (await h.SendAsync("alice", $"/incident learn {id} canary prompts")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await h.SendAsync("alice", $"/incident followup {id} add a refund eval owner=bob")).Outcome);
    }

    [Fact]
    public async Task Close_Sev1WithNothingRecorded_NamesEveryMissingItemInOneSentence()
    {
        // Arrange
        var id = await InReviewAtAsync("sev1");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains($"{id} cannot close yet: sev1 needs 1 learning (has 0), 1 follow-up with an owner (has 0) and answers to questions 1, 2, 3 (0 of 3 answered).",
            result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_Sev1WithSomeQuestionsUnanswered_NamesTheUnansweredNumbers()
    {
        // Arrange
        var id = await InReviewAtAsync("sev1");
        await LearnAndFollowUpAsync(id);
        await h.SendAsync("alice", $"/incident answer {id} 2 carol approved it");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains($"{id} cannot close yet: sev1 needs answers to questions 1, 3 (1 of 3 answered).", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.InReview, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Close_Sev1OneQuestionLeft_NamesThatQuestion()
    {
        // Arrange
        var id = await InReviewAtAsync("sev1");
        await LearnAndFollowUpAsync(id);
        await h.SendAsync("alice", $"/incident answer {id} 1 an eval on refund questions");
        await h.SendAsync("alice", $"/incident answer {id} 3 about 40 customers");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Contains($"{id} cannot close yet: sev1 needs an answer to question 2 (2 of 3 answered).", result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_Sev1EverythingRecorded_IsAccepted()
    {
        // Arrange
        var id = await InReviewAtAsync("sev1");
        await LearnAndFollowUpAsync(id);
        foreach (var n in new[] { 1, 2, 3 }) await h.SendAsync("alice", $"/incident answer {id} {n} answer {n}");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.Equal(IncidentState.Closed, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Close_Sev3NeedsTwoAnswersAndHasOne_SaysHowManyMoreAndWhichAreOpen()
    {
        // Arrange
        var id = await InReviewAtAsync("sev3");
        await h.SendAsync("alice", $"/incident answer {id} 1 an eval on refund questions");

        // Act
        var refused = await h.SendAsync("alice", $"/incident close {id}");
        await h.SendAsync("alice", $"/incident answer {id} 3 about 40 customers");
        var accepted = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Refused, refused.Outcome);
        Assert.Contains($"{id} cannot close yet: sev3 needs answers to 1 more of questions 2, 3 (1 of 3 answered).", refused.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Applied, accepted.Outcome);
    }

    [Fact]
    public async Task Answer_SameQuestionTwice_LatestAnswerReplacesTheFirst()
    {
        // Arrange
        var id = await InReviewAtAsync("sev1");
        await h.SendAsync("alice", $"/incident answer {id} 2 bob approved it");

        // Act
        var result = await h.SendAsync("carol", $"/incident answer {id} 2 carol approved it, not bob");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var incident = await h.LoadAsync(id);
        var answer = Assert.Single(incident.Answers).Value;
        Assert.Equal((2, "Who approved the change?", "carol approved it, not bob", "carol"), (answer.Number, answer.Question, answer.Text, answer.By));
        Assert.Equal([1, 3], incident.UnansweredQuestions);
        Assert.Equal(2, (await h.EventsAsync(id)).Count(e => e.Type == nameof(QuestionAnswered)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(100)]
    public async Task Answer_NumberOutsideTheQuestions_IsRefusedAndRecordsNoAnswer(int number)
    {
        // Arrange
        var id = await InReviewAtAsync("sev1");

        // Act
        var result = await h.SendAsync("alice", $"/incident answer {id} {number} something");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains($"{id}'s review has questions 1 to 3; there is no question {number}.", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await h.EventsAsync(id), e => e.Type == nameof(QuestionAnswered));
    }
}
