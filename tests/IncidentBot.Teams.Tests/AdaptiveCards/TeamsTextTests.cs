using IncidentBot.Teams.AdaptiveCards;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

public sealed class TeamsTextTests
{
    [Theory]
    [InlineData("**bold**", @"\*\*bold\*\*")]
    [InlineData("*it* and _it_ and __b__", @"\*it\* and \_it\_ and \_\_b\_\_")]
    [InlineData("`code` ~~strike~~", @"\`code\` \~\~strike\~\~")]
    [InlineData(@"C:\temp\*", @"C:\\temp\\\*")]
    public void Markdown_Emphasis_IsEscapedSoItShowsAsTyped(string typed, string expected)
    {
        Assert.Equal(expected, TeamsText.Markdown(typed));
    }

    [Theory]
    [InlineData("node_pool_a and gpt_4o", "node_pool_a and gpt_4o")]
    [InlineData("_leading and trailing_", @"\_leading and trailing\_")]
    [InlineData("Refunds fail for 12% of EU users (since 09:30) - see the dashboard.", "Refunds fail for 12% of EU users (since 09:30) - see the dashboard.")]
    [InlineData("- item one\n1. step", "- item one\n1. step")]
    public void Markdown_OrdinaryText_StaysAsItIs(string typed, string expected)
    {
        Assert.Equal(expected, TeamsText.Markdown(typed));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))", "[x]\u2060(javascript:alert(1))")]
    [InlineData("![img](https://evil/p.png)", "![img]\u2060(https://evil/p.png)")]
    [InlineData("[x][ref]\n[ref]: javascript:alert(1)", "[x]\u2060[ref]\n[ref]\u2060: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)> <https://evil>", "<\u2060javascript:alert(1)> <\u2060https://evil>")]
    [InlineData("a < b", "a < b")]
    public void Markdown_LinkSyntax_IsBrokenUpSoNoLinkForms(string typed, string expected)
    {
        Assert.Equal(expected, TeamsText.Markdown(typed));
        Assert.DoesNotContain("](", TeamsText.Markdown(typed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${secret}", "$\u2060{secret}")]
    [InlineData("$${x}", "$$\u2060{x}")]
    [InlineData("$5 {ok}", "$5 {ok}")]
    public void MarkdownAndPlain_TemplateExpressions_AreNeverLeftWhole(string typed, string expected)
    {
        Assert.Equal(expected, TeamsText.Markdown(typed));
        Assert.Equal(expected, TeamsText.Plain(typed));
    }

    [Fact]
    public void Clean_ControlAndBidiCharacters_AreDroppedAndLineEndsUnified()
    {
        var cleaned = TeamsText.Clean("a\r\nb\rc\td\u0007e\u202Ef\u2066g\uD800h");

        Assert.Equal("a\nb\nc de" + "fg\uFFFDh", cleaned);
    }

    [Fact]
    public void Plain_FoldsLinesAndKeepsMarkdownCharacters()
    {
        Assert.Equal("Why **reject** it?", TeamsText.Plain("  Why\n **reject**\tit?  "));
    }

    [Fact]
    public void Clip_NeverSplitsASurrogatePair()
    {
        var clipped = TeamsText.Clip("ab😀cd", 4);

        Assert.Equal("ab…", clipped);
        Assert.Equal("ab😀…", TeamsText.Clip("ab😀cd", 5));
    }
}
