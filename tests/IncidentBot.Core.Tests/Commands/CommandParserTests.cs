using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>The grammar <c>/incident &lt;verb&gt; [INC-n] [args]</c>: every verb, its errors, and hostile input.</summary>
public sealed class CommandParserTests
{
    [Theory]
    [InlineData("/incident declare Refunds promised", typeof(DeclareCommand))]
    [InlineData("/incident triage sev2 prompt", typeof(TriageCommand))]
    [InlineData("/incident contain rollback-prompt", typeof(ContainCommand))]
    [InlineData("/incident approve", typeof(ApproveCommand))]
    [InlineData("/incident reject too risky", typeof(RejectCommand))]
    [InlineData("/incident recovered", typeof(RecoveredCommand))]
    [InlineData("/incident note agents informed", typeof(NoteCommand))]
    [InlineData("/incident assign scribe bob", typeof(AssignCommand))]
    [InlineData("/incident status", typeof(StatusCommand))]
    [InlineData("/incident list", typeof(ListCommand))]
    [InlineData("/incident changes assistant", typeof(ChangesCommand))]
    [InlineData("/incident review", typeof(ReviewCommand))]
    [InlineData("/incident learn canary the prompt", typeof(LearnCommand))]
    [InlineData("/incident followup add an eval", typeof(FollowUpCommand))]
    [InlineData("/incident close", typeof(CloseCommand))]
    [InlineData("/incident cancel false alarm", typeof(CancelCommand))]
    [InlineData("/incident export csv", typeof(ExportCommand))]
    [InlineData("/incident help", typeof(HelpCommand))]
    [InlineData("APPROVE", typeof(ApproveCommand))]
    public void Parse_EveryVerb_GivesItsCommandWithoutIncidentId(string text, Type expected)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Ok, result.Error);
        Assert.IsType(expected, result.Command);
        Assert.Null(result.Command!.IncidentId);
    }

    [Theory]
    [InlineData("/incident triage INC-3 sev1", "triage")]
    [InlineData("/incident contain inc-3 rollback-prompt", "contain")]
    [InlineData("/incident approve Inc-3 looks right", "approve")]
    [InlineData("/incident reject INC-3 not yet", "reject")]
    [InlineData("/incident recovered inc-3", "recovered")]
    [InlineData("/incident note INC-3 hello", "note")]
    [InlineData("/incident assign INC-3 scribe bob", "assign")]
    [InlineData("/incident status inc-3", "status")]
    [InlineData("/incident changes INC-3", "changes")]
    [InlineData("/incident review INC-3", "review")]
    [InlineData("/incident learn INC-3 x", "learn")]
    [InlineData("/incident followup INC-3 y", "followup")]
    [InlineData("/incident close INC-3", "close")]
    [InlineData("/incident cancel INC-3 dup", "cancel")]
    [InlineData("/incident export INC-3 json", "export")]
    public void Parse_IncidentIdAfterVerb_IsNormalisedToUpperCase(string text, string verb)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(verb, result.Command!.Verb);
        Assert.Equal("INC-3", result.Command.IncidentId);
    }

    [Fact]
    public void Parse_IncidentIdNotRightAfterVerb_IsPartOfTheText()
    {
        var result = CommandParser.Parse("/incident note see INC-3 too");

        var note = Assert.IsType<NoteCommand>(result.Command);
        Assert.Null(note.IncidentId);
        Assert.Equal("see INC-3 too", note.Note);
    }

    [Theory]
    [InlineData("/incident declare sev1 Refunds promised service=assistant runbook=test-drift")]
    [InlineData("/incident declare Refunds service=assistant promised runbook=test-drift SEV1")]
    [InlineData("/incident declare runbook=test-drift service=assistant Refunds sev1 promised")]
    public void Parse_DeclareOptionsAnywhere_AreExtractedFromTheTitle(string text)
    {
        var declare = Assert.IsType<DeclareCommand>(CommandParser.Parse(text).Command);

        Assert.Equal(Severity.Sev1, declare.Severity);
        Assert.Equal("assistant", declare.Service);
        Assert.Equal("test-drift", declare.RunbookId);
        Assert.Equal("Refunds promised", declare.Title);
    }

    [Fact]
    public void Parse_DeclareWithoutOptions_LeavesThemNull()
    {
        var declare = Assert.IsType<DeclareCommand>(CommandParser.Parse("/incident declare Checkout is slow").Command);

        Assert.Equal((null, null, null, "Checkout is slow"), (declare.Severity, declare.Service, declare.RunbookId, declare.Title));
    }

    [Fact]
    public void Parse_TriageWithLayers_ParsesSeverityAndDistinctLayers()
    {
        var triage = Assert.IsType<TriageCommand>(CommandParser.Parse("/incident triage SEV-2 prompt, retrieval prompt").Command);

        Assert.Equal(Severity.Sev2, triage.Severity);
        Assert.Equal(["prompt", "retrieval"], triage.Layers);
    }

    [Theory]
    [InlineData("/incident triage sev2 prompt,retrieval")]
    [InlineData("/incident triage sev2 prompt, retrieval,")]
    [InlineData("/incident triage sev2 Prompt ,retrieval")]
    public void Parse_TriageLayersSeparatedByCommas_AreSplit(string text)
    {
        var result = CommandParser.Parse(text);

        var triage = Assert.IsType<TriageCommand>(result.Command);
        Assert.Equal(["prompt", "retrieval"], triage.Layers);
    }

    [Theory]
    [InlineData("/incident triage sev2 vibes", "Unknown layer 'vibes'")]
    [InlineData("/incident triage prompt", "needs a severity")]
    [InlineData("/incident triage", "needs a severity")]
    [InlineData("/incident triage sev5", "is not a severity")]
    public void Parse_TriageWithoutSeverityOrWithUnknownLayer_FailsWithTriageUsage(string text, string error)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Ok);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(CommandHelp.UsageOf("triage"), result.Usage);
    }

    [Theory]
    [InlineData("/incident contain rollback-prompt break-glass", "rollback-prompt", true)]
    [InlineData("/incident contain --break-glass Rollback-Prompt", "rollback-prompt", true)]
    [InlineData("/incident contain", null, false)]
    public void Parse_Contain_ReadsOptionAndBreakGlass(string text, string? option, bool breakGlass)
    {
        var contain = Assert.IsType<ContainCommand>(CommandParser.Parse(text).Command);

        Assert.Equal((option, breakGlass), (contain.OptionId, contain.BreakGlass));
    }

    [Fact]
    public void Parse_HelpWithTopic_KeepsTheTopic()
    {
        var help = Assert.IsType<HelpCommand>(CommandParser.Parse("/incident help APPROVE").Command);

        Assert.Equal("approve", help.Topic);
    }

    [Theory]
    [InlineData("/incident contain a b", "contain")]
    [InlineData("/incident contain break-glass", "contain")]
    [InlineData("/incident reject", "reject")]
    [InlineData("/incident note   ", "note")]
    [InlineData("/incident learn", "learn")]
    [InlineData("/incident followup", "followup")]
    [InlineData("/incident cancel INC-3", "cancel")]
    [InlineData("/incident assign commander", "assign")]
    [InlineData("/incident assign pilot bob", "assign")]
    [InlineData("/incident status now", "status")]
    [InlineData("/incident list all", "list")]
    [InlineData("/incident close INC-3 please", "close")]
    [InlineData("/incident review INC-3 now", "review")]
    [InlineData("/incident changes a b", "changes")]
    [InlineData("/incident export xml", "export")]
    [InlineData("/incident export md json", "export")]
    [InlineData("/incident declare", "declare")]
    [InlineData("/incident declare sev1 service=assistant", "declare")]
    [InlineData("/incident declare Title service=", "declare")]
    [InlineData("/incident declare Title runbook=", "declare")]
    public void Parse_MalformedArguments_FailsWithErrorAndTheVerbsUsage(string text, string verb)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Ok);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(CommandHelp.UsageOf(verb), result.Usage);
    }

    [Fact]
    public void Parse_DeclareTitleOver200Characters_Fails()
    {
        var result = CommandParser.Parse("/incident declare " + new string('x', 201));

        Assert.False(result.Ok);
        Assert.Contains("200", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/incident explode INC-3")]
    [InlineData("/incident system:ExecutionSucceeded")]
    [InlineData("/incident ExecutionSucceeded")]
    public void Parse_UnknownVerb_FailsPointingToHelpWithoutTheWholeHelp(string text)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Ok);
        Assert.StartsWith("Unknown verb", result.Error, StringComparison.Ordinal);
        Assert.Contains("Try /incident help.", result.Error, StringComparison.Ordinal);
        Assert.Null(result.Usage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/incident")]
    public void Parse_NothingToDo_GivesGeneralHelp(string? text)
    {
        var help = Assert.IsType<HelpCommand>(CommandParser.Parse(text).Command);

        Assert.Null(help.Topic);
    }
}
