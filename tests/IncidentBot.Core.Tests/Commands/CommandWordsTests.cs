using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>The words people use: severities as they say them, incident ids with leading zeros, mistyped verbs.</summary>
public sealed class CommandWordsTests
{
    [Theory]
    [InlineData("P1", Severity.Sev1)]
    [InlineData("SEV1", Severity.Sev1)]
    [InlineData("critical", Severity.Sev1)]
    [InlineData("p2", Severity.Sev2)]
    [InlineData("major", Severity.Sev2)]
    [InlineData("high", Severity.Sev2)]
    [InlineData("Sev-3", Severity.Sev3)]
    [InlineData("minor", Severity.Sev3)]
    [InlineData("medium", Severity.Sev3)]
    [InlineData("P4", Severity.Sev4)]
    [InlineData("low", Severity.Sev4)]
    [InlineData("2", Severity.Sev2)]
    public void Parse_TriageSeverityWord_IsUnderstood(string word, Severity expected)
    {
        var result = CommandParser.Parse($"/incident triage INC-3 {word} prompt");

        var triage = Assert.IsType<TriageCommand>(result.Command);
        Assert.Equal(expected, triage.Severity);
        Assert.Equal(["prompt"], triage.Layers);
    }

    [Theory]
    [InlineData("/incident declare P1 Refunds promised", Severity.Sev1)]
    [InlineData("/incident declare Refunds promised SEV1", Severity.Sev1)]
    [InlineData("/incident declare Refunds promised major service=assistant", Severity.Sev2)]
    [InlineData("/incident declare Refunds promised critical", Severity.Sev1)]
    [InlineData("/incident declare Refunds promised p-3", Severity.Sev3)]
    public void Parse_DeclareSeverityWord_IsTakenOutOfTheTitle(string text, Severity expected)
    {
        var declare = Assert.IsType<DeclareCommand>(CommandParser.Parse(text).Command);

        Assert.Equal(expected, declare.Severity);
        Assert.Equal("Refunds promised", declare.Title);
    }

    [Theory]
    [InlineData("/incident declare critical path broken", "critical path broken")]
    [InlineData("/incident declare checkout p99 latency", "checkout p99 latency")]
    [InlineData("/incident declare minor", "minor")]
    public void Parse_DeclareSeverityLikeWordInsideTheTitle_StaysTitle(string text, string title)
    {
        var declare = Assert.IsType<DeclareCommand>(CommandParser.Parse(text).Command);

        Assert.Null(declare.Severity);
        Assert.Equal(title, declare.Title);
    }

    [Theory]
    [InlineData("/incident declare Refunds promised sev5", "declare", "'sev5' is not a severity")]
    [InlineData("/incident declare p0 Refunds promised", "declare", "'p0' is not a severity")]
    [InlineData("/incident declare Refunds P9", "declare", "'P9' is not a severity")]
    [InlineData("/incident declare sev Refunds", "declare", "'sev' is not a severity")]
    [InlineData("/incident triage INC-3 sev5", "triage", "'sev5' is not a severity")]
    [InlineData("/incident triage INC-3 P0", "triage", "'P0' is not a severity")]
    [InlineData("/incident triage INC-3 urgent", "triage", "Triage needs a severity")]
    public void Parse_SeverityThatIsNotOne_IsAnErrorNamingTheValidWords(string text, string verb, string expected)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Ok);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("P1..P4, critical, major, minor", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("/incident " + verb, result.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", Severity.Sev1)]
    [InlineData("P1", Severity.Sev1)]
    [InlineData("error", Severity.Sev2)]
    [InlineData("major", Severity.Sev2)]
    [InlineData("warning", Severity.Sev3)]
    [InlineData("info", Severity.Sev4)]
    [InlineData("SEV4", Severity.Sev4)]
    public void FromAlertLabel_SharedWordsAndMonitoringWords_Map(string label, Severity expected) =>
        Assert.Equal(expected, SeverityText.FromAlertLabel(label));

    [Theory]
    [InlineData("sev5")]
    [InlineData("page")]
    [InlineData("")]
    [InlineData(null)]
    public void FromAlertLabel_Other_IsNull(string? label) => Assert.Null(SeverityText.FromAlertLabel(label));

    [Theory]
    [InlineData("/incident status INC-007")]
    [InlineData("/incident status inc-07")]
    [InlineData("/incident status #INC-7")]
    [InlineData("/incident status INC-7")]
    public void Parse_IncidentIdWithLeadingZerosOrHash_MeansTheSameIncident(string text)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("INC-7", result.Command!.IncidentId);
    }

    [Theory]
    [InlineData("INC-007", "INC-7")]
    [InlineData(" inc-0000000000012 ", "INC-12")]
    [InlineData("#inc-7", "INC-7")]
    [InlineData("INC-0", "INC-0")]
    public void Normalize_IncidentId_IsCanonical(string text, string expected) =>
        Assert.Equal(expected, IncidentIds.Normalize(text));

    [Theory]
    [InlineData("INC-")]
    [InlineData("INC-7a")]
    [InlineData("##INC-7")]
    [InlineData("INC-1234567890")]
    [InlineData("INC--7")]
    [InlineData(null)]
    public void Normalize_NotAnId_IsNull(string? text) => Assert.Null(IncidentIds.Normalize(text));

    [Theory]
    [InlineData("decalre", "declare")]
    [InlineData("aprove", "approve")]
    [InlineData("stauts", "status")]
    [InlineData("Recoverd", "recovered")]
    public void Parse_MistypedVerb_SuggestsTheNearestWithOneLineOfUsage(string typo, string verb)
    {
        var result = CommandParser.Parse($"/incident {typo} INC-3 something");

        Assert.False(result.Ok);
        Assert.Equal($"Unknown verb '{typo.ToLowerInvariant()}'. Did you mean {verb}?", result.Error);
        Assert.StartsWith(CommandHelp.UsageOf(verb)!, result.Usage, StringComparison.Ordinal);
        Assert.EndsWith($"more: /incident help {verb}", result.Usage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Usage!);
    }
}
