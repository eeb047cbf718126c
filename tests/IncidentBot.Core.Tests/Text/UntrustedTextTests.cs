using System.Globalization;
using System.Text;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Tests.Text;

/// <summary>The one cleaner of outside text: what it drops, what it folds, what it keeps.</summary>
public sealed class UntrustedTextTests
{
    public static TheoryData<string, string> Dropped => new()
    {
        { "NUL", "\u0000" }, { "BEL", "\u0007" }, { "ESC", "\u001b" }, { "DEL", "\u007f" }, { "C1 CSI", "\u009b" },
        { "LRE", "\u202A" }, { "RLE", "\u202B" }, { "PDF", "\u202C" }, { "LRO", "\u202D" }, { "RLO", "\u202E" },
        { "LRI", "\u2066" }, { "RLI", "\u2067" }, { "FSI", "\u2068" }, { "PDI", "\u2069" },
        { "LRM", "\u200E" }, { "RLM", "\u200F" }, { "ALM", "\u061C" }, { "ZWSP", "\u200B" }, { "BOM", "\uFEFF" },
        { "TAG unassigned", "\U000E0000" }, { "TAG begin", "\U000E0001" }, { "TAG A", "\U000E0041" }, { "TAG cancel", "\U000E007F" },
    };

    [Theory]
    [MemberData(nameof(Dropped))]
    public void Clean_InvisibleOrReorderingCharacter_IsDropped(string name, string character)
    {
        var clean = UntrustedText.Clean("a" + character + "b");

        Assert.True(clean == "ab", name);
        Assert.True(UntrustedText.IsClean(clean));
        Assert.False(UntrustedText.IsClean("a" + character + "b"), name);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\r\n\r\nb")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a \u00A0 \u3000b")]
    public void Clean_AnyWhiteSpaceOrLineBreak_FoldsToOneSpace(string text)
    {
        Assert.Equal("a b", UntrustedText.Clean(text));
    }

    [Fact]
    public void Clean_EmojiAccentsAndScripts_AreKept()
    {
        const string text = "Zoë 🔥 déjà vu — עברית 日本語 <script>=HYPERLINK(\"x\")";

        Assert.Equal(text, UntrustedText.Clean(text));
    }

    [Fact]
    public void Clean_LoneSurrogates_BecomeReplacementCharacters()
    {
        var clean = UntrustedText.Clean("a\uD800b\uDC00c");

        Assert.Equal("a\uFFFDb\uFFFDc", clean);
    }

    [Fact]
    public void Clean_LongText_StopsJustPastTheLimit()
    {
        var clean = UntrustedText.Clean(new string('x', 100_000), 10);

        Assert.Equal(11, clean.Length);
    }

    [Fact]
    public void Clean_NullOrOnlyInvisible_IsEmpty()
    {
        Assert.Equal("", UntrustedText.Clean(null));
        Assert.Equal("", UntrustedText.Clean("\u0000\u202E \r\n\U000E0041"));
    }

    [Fact]
    public void Clean_EveryCodePoint_LeavesNoControlFormatOrSeparator()
    {
        var all = new StringBuilder();
        for (var cp = 0; cp <= 0x10FFFF; cp++)
            if (Rune.IsValid(cp)) all.Append(new Rune(cp).ToString()).Append('x');

        var clean = UntrustedText.Clean(all.ToString());

        Assert.DoesNotContain(clean.EnumerateRunes(), r => Rune.IsControl(r) || (Rune.IsWhiteSpace(r) && r.Value != ' ')
            || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            || r.Value is >= 0xE0000 and <= 0xE007F);
    }
}
