using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Review;
using IncidentBot.Core.Tests.Metrics;
using IncidentBot.Core.Tests.Review;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IncidentBot.Core.Tests.Export;

/// <summary>The Markdown post-mortem read back by a real Markdown parser (Markdig with GitHub-style extensions, as
/// Confluence and Google Docs read it): the expected headings, tables and lists, and people's hostile text inert.</summary>
public sealed class ReviewMarkdownTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "a | b | c",
        "first line\n| 9 | forged | row |\n# forged heading",
        "=HYPERLINK(\"http://x\")",
        "see http://evil.example and www.evil.example ![i](http://x/i.png) <http://x> **bold** _it_ `code` &lt;b&gt;",
        "- 1. > ## nested",
    ];

    private static IReadOnlyList<EvidenceEvent> HostileIncident()
    {
        var s = ReviewStreams.Whole(reviewAndClose: false).At(500, "bob", new ReviewStarted(["What failed? <b>" + Hostile[1] + "</b>", "1. What did we learn?"]));
        var t = 510.0;
        foreach (var text in Hostile)
        {
            s.At(t++, "bob", new LearningRecorded(text))
             .At(t++, "bob", new ContributingFactorRecorded(text))
             .At(t++, "bob", new FollowUpAdded(text, "carol", null))
             .At(t++, "bob", new NoteAdded(text));
        }
        s.At(t++, "carol", new QuestionAnswered(1, "What failed?", Hostile[0] + " " + Hostile[1]));
        var events = s.Events.ToList();
        var declared = (IncidentDeclared)EventCodec.Deserialize(events[0].Type, events[0].PayloadJson)!;
        events[0] = events[0] with { PayloadJson = EventCodec.Serialize(declared with { Title = "Refunds " + Hostile[0] + " | " + Hostile[1] }) };
        return ReviewStreams.Hashed(events);
    }

    private static (MarkdownDocument Doc, PostIncidentReview Review, string Markdown) Parse()
    {
        var events = HostileIncident();
        var review = PostIncidentReviewBuilder.Build(events, ReviewStreams.Template, ReviewStreams.Changes, "seal-xyz")!;
        var md = TimelineExporter.Export(events, "md", "seal-xyz", review);
        return (Markdown.Parse(md, Pipeline), review, md);
    }

    [Fact]
    public void Export_Markdown_HasTheExpectedHeadings()
    {
        var (doc, _, _) = Parse();

        var headings = doc.Descendants<HeadingBlock>().Select(h => (h.Level, Text(h.Inline))).ToList();
        Assert.Equal((1, "INC-1: Refunds <script>alert(1)</script> | [x](javascript:alert(1))"), headings[0]);
        Assert.Equal(["Summary", "Impact", "What changed", "Who decided, and how", "Path and effect", "Learnings", "Contributing factors",
            "Follow-ups", "Review questions", "Required before close", "Timeline", "Evidence"], headings.Where(h => h.Level == 2).Select(h => h.Item2));
        Assert.Equal(["Attempt 1: rollback-prompt (rollback, prompt) — Executed"], headings.Where(h => h.Level == 3).Select(h => h.Item2));
    }

    [Fact]
    public void Export_Markdown_TablesKeepTheirShapeWhateverPeopleTyped()
    {
        var (doc, review, _) = Parse();

        var tables = doc.Descendants<Table>().ToList();
        Assert.Equal(2, tables.Count);
        var summary = tables[0].OfType<TableRow>().ToList();
        Assert.All(summary, r => Assert.Equal(2, r.Count));
        Assert.Equal(ReviewFormat.SummaryRows(review).Count + 1, summary.Count);
        Assert.Contains(summary, r => Cell(r, 0) == "Time to mitigate" && Cell(r, 1) == "3m 42s");
        Assert.Contains(summary, r => Cell(r, 0) == "Title" && Cell(r, 1) == "Refunds <script>alert(1)</script> | [x](javascript:alert(1))");
        var timeline = tables[1].OfType<TableRow>().ToList();
        Assert.Equal(review.Timeline.Count + 1, timeline.Count);
        Assert.All(timeline, r => Assert.Equal(5, r.Count));
        Assert.Contains(timeline, r => Cell(r, 4) == "note: first line | 9 | forged | row | # forged heading");
        Assert.Contains(timeline, r => Cell(r, 4) == "note: =HYPERLINK(\"http://x\")");
    }

    [Fact]
    public void Export_Markdown_PeoplesTextIsPlainText()
    {
        var (doc, _, md) = Parse();

        Assert.Empty(doc.Descendants<LinkInline>());
        Assert.Empty(doc.Descendants<AutolinkInline>());
        Assert.Empty(doc.Descendants<HtmlInline>());
        Assert.Empty(doc.Descendants<HtmlBlock>());
        Assert.Empty(doc.Descendants<EmphasisInline>());
        Assert.Empty(doc.Descendants<QuoteBlock>());
        var html = Markdig.Markdown.ToHtml(md, Pipeline);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        var learnings = ListAfter(doc, "Learnings");
        Assert.Equal(Hostile.Select(h => UntrustedTextOf(h) + " (bob)"), learnings);
    }

    [Fact]
    public void Export_Markdown_ListsFollowUpsAndAnswersAndTheSeal()
    {
        var (doc, _, md) = Parse();

        Assert.Equal(Hostile.Length, ListAfter(doc, "Follow-ups").Count);
        Assert.All(ListAfter(doc, "Follow-ups"), f => Assert.Contains("— owner carol", f, StringComparison.Ordinal));
        var questions = doc.Descendants<ListBlock>().Single(l => l.IsOrdered);
        Assert.Equal(2, questions.Count);
        Assert.Contains("not answered yet", Text(((ParagraphBlock)((ListItemBlock)questions[1])[0]).Inline), StringComparison.Ordinal);
        Assert.Contains("- Evidence seal: `seal-xyz`", md, StringComparison.Ordinal);
        Assert.Contains(ListAfter(doc, "What changed"), i => i == "Containment moved prompt: prompt-v42 → prompt-v41 (rollback-prompt, attempt 1)");
    }

    [Theory]
    [InlineData("error_rate > 0.05 (p99)", "error_rate > 0.05 (p99)")]
    [InlineData("a -> b", "a -> b")]
    [InlineData("_x_ *y* 2 * 3", @"\_x\_ \*y\* 2 * 3")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("12. not a list", @"12\. not a list")]
    [InlineData("a<b and a < b", @"a\<b and a < b")]
    [InlineData("http://x www.y", @"http\://x www\.y")]
    public void MarkdownText_EscapesOnlyWhatWouldBeMarkup(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Block(text));

    private static string UntrustedTextOf(string s) => Core.Text.UntrustedText.Clean(s).Trim();

    private static List<string> ListAfter(MarkdownDocument doc, string heading)
    {
        var h = doc.Descendants<HeadingBlock>().Single(x => x.Level == 2 && Text(x.Inline) == heading);
        var list = (ListBlock)doc[doc.IndexOf(h) + 1];
        return list.Cast<ListItemBlock>().Select(i => Text(((ParagraphBlock)i[0]).Inline)).ToList();
    }

    private static string Cell(TableRow row, int i) => Text(((ParagraphBlock)((TableCell)row[i])[0]).Inline);

    private static string Text(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants<Inline>().Select(x => x switch
        {
            LiteralInline l => l.Content.ToString(),
            CodeInline c => c.Content,
            HtmlEntityInline e => e.Transcoded.ToString(),
            _ => "",
        }));
}
