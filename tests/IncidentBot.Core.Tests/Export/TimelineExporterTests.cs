using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Tests.Export;

/// <summary>Timelines carry every event with its hash, and text people typed cannot break the format it lands in.</summary>
public sealed class TimelineExporterTests
{
    private const string HostileTitle = "Refunds | <script>alert(1)</script>\nforged row";
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Export_Markdown_EscapesPipesAnglesAndNewlines()
    {
        var events = await HostileIncidentAsync();

        var md = TimelineExporter.Export(events, "md");

        // Only what would be markup is escaped: the pipe in a table cell, the '<' that could open a tag.
        Assert.Contains(@"declared ""Refunds \| \<script>alert(1)\</script> forged row""", md, StringComparison.Ordinal);
        Assert.Contains(@"# INC-1: Refunds | \<script>alert(1)\</script> forged row", md, StringComparison.Ordinal);
        Assert.DoesNotContain(" <script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("\nforged row", md, StringComparison.Ordinal);
        var rows = TimelineRows(md).Skip(1).ToList();
        Assert.Equal(events.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(6, r.Replace(@"\|", "", StringComparison.Ordinal).Count(ch => ch == '|')));
    }

    [Fact]
    public async Task Export_Markdown_NoteWithLinkAndEmphasis_IsInertText()
    {
        var id = await h.DriveToAsync(IncidentState.Triage);
        await h.SendAsync("alice", $"/incident note {id} see [the fix](javascript:alert(1)) **now** _please_");

        var md = TimelineExporter.Export(await h.EventsAsync(id), "md");

        Assert.Contains(@"\[the fix\](javascript:alert(1)) \*\*now\*\* \_please\_", md, StringComparison.Ordinal);
        Assert.DoesNotContain("[the fix](", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Csv_QuotesDelimitersAndNeutralisesFormulas()
    {
        var events = await HostileIncidentAsync();

        var csv = TimelineExporter.Export(events, "csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Count + 1, lines.Length);
        Assert.Contains("\"note: a, \"\"quoted\"\" note", csv, StringComparison.Ordinal);
        // Line breaks fold to spaces like everywhere else: each record is one physical line, even for line-based tools.
        Assert.Contains("\"declared \"\"Refunds | <script>alert(1)</script> forged row\"\"", csv, StringComparison.Ordinal);
    }

    public static TheoryData<string> Invisible => new()
    {
        "\u0000", "\u0007", "\u001b[31m", "\u0085", "\u009b", "\u2028", "\u2029", "\r\n", "\u202E", "\u202A", "\u2066", "\u2069",
        "\u200E", "\u200F", "\u061C", "\U000E0041", "\U000E007F",
    };

    [Theory]
    [MemberData(nameof(Invisible))]
    public void Export_TextWithControlOrDirectionCharacters_HasNoneOfThemInAnyFormat(string hostile)
    {
        var text = "pay" + hostile + "pal | row";
        var events = new[] { Event(1, "ali" + hostile + "ce", new IncidentDeclared(text, null, "svc" + hostile, "rb", "h", "rb@1", "alice", "console", null)),
            Event(2, "bob", new NoteAdded("line1" + hostile + "| fake | row |\n| 9 | 2026 |")) };

        foreach (var format in TimelineExporter.Formats)
        {
            var exported = TimelineExporter.Export(events, format);

            var kept = format == "json" ? JsonSummaries(exported) : exported.Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            Assert.True(UntrustedText.IsClean(kept), $"{format}: {kept}");
        }
    }

    [Fact]
    public void Export_NoteWithNewlinesAndPipes_NeverSplitsAMarkdownRowOrACsvRecord()
    {
        var events = new[] { Event(1, "alice", new NoteAdded("a\r\n| 2 | forged |\u2028b\u0085c | d")) };
        var declared = Event(1, "alice", new IncidentDeclared("t", null, "s", "rb", "h", "rb@1", "alice", "console", null));

        var md = TimelineExporter.Export([declared, events[0] with { Seq = 2 }], "md");
        var csv = TimelineExporter.Export(events, "csv");

        var row = Assert.Single(TimelineRows(md), l => l.StartsWith("| 2 ", StringComparison.Ordinal));
        Assert.Equal(6, row.Replace(@"\|", "", StringComparison.Ordinal).Count(ch => ch == '|'));
        Assert.Contains(@"note: a \| 2 \| forged \| b c \| d", row, StringComparison.Ordinal);
        Assert.DoesNotContain(TimelineRows(md), l => l.StartsWith("| 3 ", StringComparison.Ordinal));
        Assert.Equal(["seq", "1"], csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')[0]));
        Assert.Equal(1, csv.Count(ch => ch == '\n') - 1);
    }

    /// <summary>The timeline table's lines (header included) of a Markdown export.</summary>
    private static IEnumerable<string> TimelineRows(string md) =>
        md.Split('\n').SkipWhile(l => l != "## Timeline").Where(l => l.StartsWith("| ", StringComparison.Ordinal));

    private static string JsonSummaries(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return string.Join(" ", doc.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("summary").GetString()));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void Export_CsvCellStartingWithFormulaCharacter_IsPrefixedWithQuote(string actor)
    {
        var events = new[] { Event(1, actor, new IncidentDeclared("t", null, "s", "rb", "h", "rb@1", actor, "console", null)) };

        var csv = TimelineExporter.Export(events, "csv");

        var row = csv.Split("\r\n")[1];
        Assert.DoesNotContain("," + actor[0], row, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"" + actor[0], row, StringComparison.Ordinal);
        Assert.Contains("'" + actor[0], row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Json_ContainsEveryEventWithHashAndPayload()
    {
        var events = await HostileIncidentAsync();

        using var doc = JsonDocument.Parse(TimelineExporter.Export(events, "json"));

        var exported = doc.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(events.Count, exported.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i].Hash, exported[i].GetProperty("hash").GetString());
            Assert.Equal(events[i].PrevHash, exported[i].GetProperty("prevHash").GetString());
            Assert.Equal(events[i].Type, exported[i].GetProperty("type").GetString());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(events[i].PayloadJson), JsonNode.Parse(exported[i].GetProperty("payload").GetRawText())), events[i].Type);
        }
        Assert.Equal(HostileTitle, exported[0].GetProperty("payload").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task Export_RefusedCommand_AppearsInEveryFormat(string format)
    {
        var events = await HostileIncidentAsync();

        var text = TimelineExporter.Export(events, format);

        Assert.Contains("REFUSED approve", text, StringComparison.Ordinal);
        Assert.Contains("cannot approve it", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_UnknownFormat_Throws()
    {
        var events = new[] { Event(1, "alice", new NoteAdded("x")) };

        Assert.Throws<ArgumentOutOfRangeException>(() => TimelineExporter.Export(events, "xml"));
    }

    /// <summary>A real incident whose title and notes are hostile (written as events directly: the parser would fold
    /// the newline away), with a refused self-approval in it.</summary>
    private async Task<IReadOnlyList<EvidenceEvent>> HostileIncidentAsync()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);
        await h.SendAsync("alice", $"/incident approve {id}");
        await h.SendAsync("alice", $"/incident note {id} a, \"quoted\" note | with <b>tags</b>");
        var stored = (await h.EventsAsync(id)).ToList();
        var first = stored[0];
        var declared = (IncidentDeclared)EventCodec.Deserialize(first.Type, first.PayloadJson)!;
        stored[0] = first with { PayloadJson = EventCodec.Serialize(declared with { Title = HostileTitle }) };
        var refusals = stored.Where(e => e.Type == nameof(CommandRefused)).ToList();
        Assert.Single(refusals);
        return stored;
    }

    private static EvidenceEvent Event(long seq, string actor, IncidentEvent payload) =>
        new("INC-1", seq, $"e{seq}", EventCodec.TypeName(payload), actor, "console", EngineHarness.Start, EventCodec.Serialize(payload), "rb@1", "prev", "hash" + seq);
}
