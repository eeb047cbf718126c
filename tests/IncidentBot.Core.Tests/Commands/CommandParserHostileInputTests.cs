using System.Globalization;
using System.Text;
using IncidentBot.Core.Commands;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>Whatever a surface hands the parser, it answers with a result: it never throws, and what it keeps
/// carries no line breaks, control characters or invisible format characters.</summary>
public sealed class CommandParserHostileInputTests
{
    public static TheoryData<string> Hostile => new()
    {
        "/incident note a\u0000b\u0007c\u001bd[31m",
        "/incident note line1\nline2\r\nline3\u2028line4\u2029line5\u0085line6",
        "/incident note <!channel> <!here> <@U024BE7LH> <https://evil.example|click>",
        "/incident note pay\u200Bpal \u202Egnp.exe\u202C \u2066x\u2069 \uFEFFbom \u00ADsoft",
        "/incident note hidden\U000E0041\U000E0042\U000E007Ftags",
        "/incident note " + new string('x', 10_000),
        new string('\n', 10_000),
        "/incident declare " + string.Concat(Enumerable.Repeat("sev1 service=", 2_000)),
        "/incident \u0000",
        "/incident note \uD800 lone surrogate \uDC00",
        "/incident inc-99999999999 approve",
        "/incident approve INC-999999999",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Parse_HostileInput_NeverThrowsAndKeepsNoControlOrFormatCharacters(string text)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Ok || result.Error is not null);
        foreach (var kept in KeptText(result))
        {
            Assert.DoesNotContain(kept.EnumerateRunes(), r =>
                Rune.IsControl(r) || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
        }
    }

    [Fact]
    public void Parse_NewlinesAndControlCharacters_AreFoldedOutOfTheNote()
    {
        var note = Assert.IsType<NoteCommand>(CommandParser.Parse("/incident note line1\nline2\r\n\tline3\u0007!").Command);

        Assert.Equal("line1 line2 line3!", note.Note);
    }

    [Fact]
    public void Parse_UnicodeFormatCharacters_AreRemoved()
    {
        var note = Assert.IsType<NoteCommand>(CommandParser.Parse("/incident note pay\u200Bpal \u202Eexe\u202C").Command);

        Assert.Equal("paypal exe", note.Note);
    }

    [Fact]
    public void Parse_UnicodeTagCharactersOutsideTheBasicPlane_AreRemoved()
    {
        // Tag characters (U+E0000..U+E007F, category Cf) are invisible and are used to smuggle hidden instructions
        // to language models; as surrogate pairs they slip past a per-char check.
        var note = Assert.IsType<NoteCommand>(CommandParser.Parse("/incident note ok\U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065").Command);

        Assert.Equal("ok", note.Note);
    }

    [Fact]
    public void Parse_SlackMentionSyntax_IsKeptAsPlainTextForRenderersToEscape()
    {
        var note = Assert.IsType<NoteCommand>(CommandParser.Parse("/incident note ping <!channel> now").Command);

        Assert.Equal("ping <!channel> now", note.Note);
    }

    [Fact]
    public void Parse_TenThousandCharacters_IsRefusedAsTooLong()
    {
        var result = CommandParser.Parse("/incident note " + new string('x', 10_000));

        Assert.False(result.Ok);
        Assert.Contains("too long", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("4001", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error!.Length < 200);
    }

    [Fact]
    public void Parse_EmojiAndAccents_AreKept()
    {
        var note = Assert.IsType<NoteCommand>(CommandParser.Parse("/incident note Zoë says 🔥 déjà vu").Command);

        Assert.Equal("Zoë says 🔥 déjà vu", note.Note);
    }

    private static IEnumerable<string> KeptText(ParseResult result)
    {
        if (result.Error is { } e) yield return e;
        switch (result.Command)
        {
            case TextCommand t: yield return t.Text; break;
            case DeclareCommand d: yield return d.Title; break;
        }
    }
}
