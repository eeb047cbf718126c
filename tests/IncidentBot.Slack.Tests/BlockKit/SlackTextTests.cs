using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Tests.BlockKit;

public sealed class SlackTextTests
{
    [Fact]
    public void Clip_AtASurrogatePair_NeverSplitsIt()
    {
        var text = new string('a', 73) + "😀😀😀";

        var clipped = SlackText.Clip(text, 75);

        Assert.Equal(new string('a', 73) + "…", clipped);
        Assert.True(clipped.Length <= 75);
    }

    [Fact]
    public void EscapeClip_AtAnEntity_NeverCutsIt()
    {
        var clipped = SlackText.EscapeClip(new string('a', 8) + "&&&&", 12);

        Assert.Equal("aaaaaaaa…", clipped);
    }

    [Fact]
    public void EscapeSplit_LongText_PiecesFitAndJoinBackToTheEscapedText()
    {
        var text = string.Concat(Enumerable.Repeat("line <x> & 😀 more\n", 400));

        var pieces = SlackText.EscapeSplit(text, 3000);

        Assert.True(pieces.Count >= 3);
        Assert.All(pieces, p => Assert.True(p.Length <= 3000));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(SlackText.Escape(text).Replace("\n", "", StringComparison.Ordinal), string.Concat(pieces).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Unescape_EscapedText_RoundTrips()
    {
        const string text = "a & b <!channel> &amp;";

        Assert.Equal(text, SlackText.Unescape(SlackText.Escape(text)));
    }
}
