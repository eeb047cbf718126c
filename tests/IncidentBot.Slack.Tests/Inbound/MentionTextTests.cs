using IncidentBot.Slack.Inbound;

namespace IncidentBot.Slack.Tests.Inbound;

public sealed class MentionTextTests
{
    [Theory]
    [InlineData("<@U0BOT> approve looks good", "/incident approve looks good")]
    [InlineData("<@U0BOT|incidentbot>   note a &amp; b &lt;c&gt;", "/incident note a & b <c>")]
    [InlineData("<@U0BOT> <@W0OTHER> status", "/incident status")]
    [InlineData("<@U0BOT> /incident status", "/incident status")]
    [InlineData("<@U0BOT>", "/incident ")]
    [InlineData("<@U0BOT> assign INC-1 scribe <@U0BOB>", "/incident assign INC-1 scribe <@U0BOB>")]
    public void ToCommandLine_Mention_StripsOnlyTheLeadingMentions(string text, string expected)
    {
        Assert.Equal(expected, MentionText.ToCommandLine(text));
    }
}
