using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary><c>review.required</c>: per severity, what a review must contain before the incident can close.</summary>
public sealed class RunbookLoaderReviewTests
{
    private const string Questions = "  questions: [What changed?]\n";

    private static RunbookLoadResult WithRequired(string required) =>
        MinimalRunbook.LoadEdited(Questions, Questions + "  required:\n" + required);

    [Fact]
    public void Load_ReviewRequiredPerSeverity_ReadsEachSeverity()
    {
        // Act
        var result = WithRequired("    sev1: {learnings: 2, followups_with_owner: 1}\n    sev2:\n      followups_with_owner: 1\n");

        // Assert
        Assert.Empty(result.Problems);
        var review = result.Runbook!.Review;
        Assert.Equal(new ReviewRequirement(2, 1), review.RequiredFor(Severity.Sev1));
        Assert.Equal(new ReviewRequirement(0, 1), review.RequiredFor(Severity.Sev2));
        Assert.Equal(ReviewRequirement.None, review.RequiredFor(Severity.Sev3));
    }

    [Fact]
    public void Load_NoReviewRequired_RequiresNothing()
    {
        // Act
        var result = RunbookLoader.Load(MinimalRunbook.Text, "minimal.yaml");

        // Assert
        Assert.Equal(ReviewRequirement.None, result.Runbook!.Review.RequiredFor(Severity.Sev1));
    }

    [Fact]
    public void Load_QuestionsAnsweredAll_RequiresEveryQuestion()
    {
        // Act
        var result = WithRequired("    sev1: {learnings: 1, followups_with_owner: 1, questions_answered: all}\n");

        // Assert
        Assert.Empty(result.Problems);
        var required = result.Runbook!.Review.RequiredFor(Severity.Sev1);
        Assert.Equal(new ReviewRequirement(1, 1, 0, AllQuestionsAnswered: true), required);
        Assert.Equal(6, required.AnswersNeeded(6));
    }

    [Fact]
    public void Load_QuestionsAnsweredNumber_RequiresThatMany()
    {
        // Act
        var result = MinimalRunbook.LoadEdited(Questions,
            "  questions: [What changed?, Who approved it?, What would have caught it?]\n  required:\n    sev2: {questions_answered: 2}\n");

        // Assert
        Assert.Empty(result.Problems);
        var required = result.Runbook!.Review.RequiredFor(Severity.Sev2);
        Assert.Equal(new ReviewRequirement(0, 0, 2), required);
        Assert.Equal(2, required.AnswersNeeded(3));
        Assert.Equal(0, result.Runbook.Review.RequiredFor(Severity.Sev3).AnswersNeeded(3));
    }

    [Theory]
    [InlineData("    sev1: {questions_answered: most}\n", 28, 32, "'questions_answered' must be all or a whole number; got 'most'")]
    [InlineData("    sev1: {questions_answered: All}\n", 28, 32, "did you mean 'all'?")]
    [InlineData("    sev1: {questions_answered: 101}\n", 28, 32, "'questions_answered' must be all or between 0 and 100; got 101")]
    [InlineData("    sev1: {questions_answered: -1}\n", 28, 32, "'questions_answered' must be all or between 0 and 100; got -1")]
    [InlineData("    sev2: {questions_answered: 2}\n", 28, 32, "'questions_answered' is 2 but review.questions has only 1")]
    [InlineData("    sev2:\n      questions_answered: [1, 2]\n", 29, 27, "'questions_answered' must be a single value")]
    [InlineData("    sev1: {questions: all}\n", 28, 12, "unknown key 'questions'")]
    public void Load_BadQuestionsAnswered_ReportsLineAndColumn(string required, int line, int column, string fragment)
    {
        // Act
        var result = WithRequired(required);

        // Assert
        Assert.Null(result.Runbook);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (problem.Line, problem.Column));
    }

    [Theory]
    [InlineData("    sev5: {learnings: 1}\n", 28, 5, "sev5")]
    [InlineData("    sev1: {learnings: many}\n", 28, 23, "'learnings' must be a whole number; got 'many'")]
    [InlineData("    sev1: {followups_with_owner: -1}\n", 28, 34, "'followups_with_owner' must be between 0 and 100; got -1")]
    [InlineData("    sev1: {follow_ups: 1}\n", 28, 12, "follow_ups")]
    public void Load_BadReviewRequired_ReportsLineAndColumn(string required, int line, int column, string fragment)
    {
        // Act
        var result = WithRequired(required);

        // Assert
        Assert.Null(result.Runbook);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (problem.Line, problem.Column));
    }
}
