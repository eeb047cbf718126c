using System.Text;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Inbound;

public sealed class SlashCommandTests
{
    [Fact]
    public void Parse_DocsExample_ReadsEveryFieldTheBotUses()
    {
        var body = Fixtures.Bytes("slack-slash-command.docs-example.txt");

        var parsed = SlashCommand.Parse(body);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(new SlashCommand("U2147483697", "C2147483705", "/weather", "94070", "13345224609.738474920.8088930838d88f008e0",
            "T0001", "E0001", false), parsed.Value);
    }

    [Fact]
    public void Parse_OrgInstallExample_DecodesEscapesAndReadsTheEnterpriseFlag()
    {
        var body = Fixtures.Bytes("slack-slash-command.org-install.java-sdk-test.txt");

        var parsed = SlashCommand.Parse(body);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal("W111", parsed.Value.UserId);
        Assert.Equal("/org-level-command", parsed.Value.Command);
        Assert.Equal("test", parsed.Value.Text);
        Assert.Equal("E111", parsed.Value.EnterpriseId);
        Assert.True(parsed.Value.IsEnterpriseInstall);
    }

    [Fact]
    public void Parse_PlusAndPercentEncodedText_BecomesSpacesAndCharacters()
    {
        var body = Encoding.UTF8.GetBytes("user_id=U1&channel_id=C1&command=%2Fincident&text=declare+Refunds+%26+%3Cbroken%3E+sev2&trigger_id=1.2.3");

        var parsed = SlashCommand.Parse(body);

        Assert.Equal("declare Refunds & <broken> sev2", parsed.Value!.Text);
    }

    [Theory]
    [InlineData("channel_id=C1&text=help")]
    [InlineData("user_id=U1&text=help")]
    [InlineData("user_id=U1&user_id=U2&channel_id=C1")]
    [InlineData("{\"user_id\":\"U1\"}")]
    public void Parse_MissingOrRepeatedIds_FailsWithAClearMessage(string body)
    {
        var parsed = SlashCommand.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(parsed.Ok);
        Assert.Contains("user_id and channel_id", parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssl_check=1&token=abc", true)]
    [InlineData("ssl_check=0&token=abc", false)]
    [InlineData("user_id=U1&channel_id=C1", false)]
    public void IsSslCheck_Body_RecognisesOnlyTheProbe(string body, bool expected)
    {
        Assert.Equal(expected, SlashCommand.IsSslCheck(Encoding.UTF8.GetBytes(body)));
    }
}
