using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Tests.Commands;

/// <summary><c>/incident drill &lt;runbook&gt; [severity] [service=NAME]</c>: the runbook id, optional severity and
/// service in any order, and the errors that point at its usage.</summary>
public sealed class DrillParserTests
{
    [Theory]
    [InlineData("/incident drill test-drift", "test-drift", null, null)]
    [InlineData("/incident drill Test-Drift sev2", "test-drift", Severity.Sev2, null)]
    [InlineData("/incident drill sev1 test-drift service=assistant", "test-drift", Severity.Sev1, "assistant")]
    [InlineData("/incident drill service=assistant major test-drift", "test-drift", Severity.Sev2, "assistant")]
    [InlineData("drill P3 runbook=test-drift", "test-drift", Severity.Sev3, null)]
    public void Parse_Drill_GivesRunbookSeverityAndService(string text, string runbook, Severity? severity, string? service)
    {
        // Act
        var drill = Assert.IsType<DrillCommand>(CommandParser.Parse(text).Command);

        // Assert
        Assert.Equal((runbook, severity, service), (drill.RunbookId, drill.Severity, drill.Service));
        Assert.Null(drill.IncidentId);
        Assert.Equal(Trigger.Declare, drill.Trigger);
        Assert.False(drill.IsQuery);
    }

    [Theory]
    [InlineData("/incident drill", "runbook to practise")]
    [InlineData("/incident drill sev2 service=assistant", "runbook to practise")]
    [InlineData("/incident drill test-drift another-one", "one runbook id")]
    [InlineData("/incident drill test-drift service=", "service= needs a value")]
    [InlineData("/incident drill test-drift service=a service=b", "at most one service")]
    [InlineData("/incident drill test-drift sev2 sev3", "one severity")]
    [InlineData("/incident drill test-drift sev9", "'sev9' is not a severity")]
    [InlineData("/incident drill test_drift!", "is not a runbook id")]
    public void Parse_BadDrill_FailsWithTheDrillUsage(string text, string error)
    {
        // Act
        var result = CommandParser.Parse(text);

        // Assert
        Assert.False(result.Ok);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal("/incident drill <runbook> [severity] [service=NAME]", result.Usage);
    }

    [Fact]
    public void Parse_MistypedDrill_SuggestsDrill()
    {
        // Act
        var result = CommandParser.Parse("/incident dril test-drift");

        // Assert
        Assert.Equal("Unknown verb 'dril'. Did you mean drill?", result.Error);
        Assert.StartsWith("/incident drill <runbook>", result.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsDrill()
    {
        // Act
        var all = CommandHelp.All();

        // Assert
        Assert.Contains("/incident drill <runbook> [severity] [service=NAME] — Start a rollback drill", all, StringComparison.Ordinal);
    }
}
