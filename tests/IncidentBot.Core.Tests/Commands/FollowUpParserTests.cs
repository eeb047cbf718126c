using IncidentBot.Core.Commands;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>The grammar <c>followup [INC-n] &lt;text&gt; [owner=PERSON] [due=YYYY-MM-DD]</c>.</summary>
public sealed class FollowUpParserTests
{
    [Fact]
    public void Parse_FollowUpWithOwnerAndDue_GivesBoth()
    {
        // Act
        var result = CommandParser.Parse("/incident followup INC-3 add a refund eval owner=bob due=2026-12-15");

        // Assert
        Assert.True(result.Ok, result.Error);
        var command = Assert.IsType<FollowUpCommand>(result.Command);
        Assert.Equal(("add a refund eval", "bob", new DateOnly(2026, 12, 15), "INC-3"),
            (command.Action, command.Owner, command.Due, command.IncidentId));
    }

    [Fact]
    public void Parse_FollowUpOwnerBeforeText_KeepsTheTextInOrder()
    {
        // Act
        var result = CommandParser.Parse("/incident followup owner=carol canary the prompt");

        // Assert
        var command = Assert.IsType<FollowUpCommand>(result.Command);
        Assert.Equal(("canary the prompt", "carol", (DateOnly?)null), (command.Action, command.Owner, command.Due));
    }

    [Fact]
    public void Parse_FollowUpWithoutOwner_HasNoOwnerOrDue()
    {
        // Act
        var result = CommandParser.Parse("/incident followup add an eval");

        // Assert
        var command = Assert.IsType<FollowUpCommand>(result.Command);
        Assert.Equal(("add an eval", null, (DateOnly?)null), (command.Action, command.Owner, command.Due));
    }

    [Theory]
    [InlineData("/incident followup add an eval owner=bob due=15.12.2026", "is not a date; write due=YYYY-MM-DD")]
    [InlineData("/incident followup add an eval due=2026-02-30", "is not a date")]
    [InlineData("/incident followup owner=bob", "A follow-up needs text")]
    [InlineData("/incident followup add an eval owner=", "owner= needs a person")]
    public void Parse_FollowUpBadArguments_GivesUsageError(string text, string error)
    {
        // Act
        var result = CommandParser.Parse(text);

        // Assert
        Assert.False(result.Ok);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Contains("owner=PERSON", result.Usage, StringComparison.Ordinal);
    }
}
