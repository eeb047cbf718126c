using IncidentBot.TestSupport;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary>Which words start the server and which are verbs: a typo never starts it.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Run_MistypedVerb_ExitsTwoSuggestingTheVerbWithoutServing()
    {
        var (code, output, error) = await BotRun.RunAsync(null, "evidnce", "verify");

        Assert.Equal(2, code);
        var lines = BotRun.Lines(error);
        Assert.Equal("Unknown verb 'evidnce'. Did you mean evidence?", lines[0]);
        Assert.StartsWith("Usage: incidentbot [serve|runbook|evidence|lifecycle|teams|readiness]", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Evidence store at", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnrelatedWord_ExitsTwoWithoutSuggestion()
    {
        var (code, _, error) = await BotRun.RunAsync(null, "frobnicate");

        Assert.Equal(2, code);
        Assert.Equal("Unknown verb 'frobnicate'.", BotRun.Lines(error)[0]);
    }

    [Fact]
    public async Task Run_OnlyHostOptions_Serves()
    {
        // A configuration override as the first argument means serve; the half Slack configuration proves the server
        // path ran (its validation, exit 2) without leaving a server running.
        var (code, _, error) = await BotRun.RunAsync(null, "--Slack:SigningSecret=only-the-secret", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, code);
        Assert.Contains("Slack:SigningSecret and Slack:BotToken", error, StringComparison.Ordinal);
    }
}
