using System.Net;
using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Review;
using IncidentBot.Core.Tests.Review;

namespace IncidentBot.Core.Tests.Export;

/// <summary>A drill's post-mortem in every format: marked as a drill in its title and summary, with the drill report;
/// a real incident's documents say nothing of drills.</summary>
public sealed class DrillExportTests
{
    private static (PostIncidentReview Review, IReadOnlyList<EvidenceEvent> Events) Whole(bool drill)
    {
        var events = ReviewStreams.Whole().Events.ToList();
        var declared = (IncidentDeclared)EventCodec.Deserialize(events[0].Type, events[0].PayloadJson)!;
        if (drill) events[0] = events[0] with { PayloadJson = EventCodec.Serialize(declared with { Title = "Drill: Roll back the prompt", Drill = true }) };
        var hashed = ReviewStreams.Hashed(events);
        return (PostIncidentReviewBuilder.Build(hashed, ReviewStreams.Template, ReviewStreams.Changes, "seal-xyz")!, hashed);
    }

    [Fact]
    public void Build_Drill_CarriesTheDrillReport()
    {
        // Act
        var (review, _) = Whole(drill: true);

        // Assert
        Assert.NotNull(review.Drill);
        Assert.Equal(["carol", "erin"], review.Drill.Approvers);
        Assert.Empty(review.Drill.Failures);
        Assert.Equal(TimeSpan.FromSeconds(60), review.Drill.ToTriage);
        Assert.Equal(TimeSpan.FromSeconds(402), review.Drill.ToRecover);
        Assert.Null(Whole(drill: false).Review.Drill);
    }

    [Fact]
    public void Markdown_Drill_TitleSummaryRowAndDrillReport()
    {
        // Act
        var md = ReviewMarkdown.Render(Whole(drill: true).Review);

        // Assert
        Assert.StartsWith("# DRILL · INC-1: Drill: Roll back the prompt\n\nDrill review drafted by IncidentBot", md, StringComparison.Ordinal);
        Assert.Contains("| Drill | yes — a practice incident, not counted in the metrics |", md, StringComparison.Ordinal);
        Assert.Contains("\n## Drill report\n", md, StringComparison.Ordinal);
        Assert.Contains("| Time to triage | 1m 00s |", md, StringComparison.Ordinal);
        Assert.Contains("| Time to recover | 6m 42s |", md, StringComparison.Ordinal);
        Assert.Contains("| Approvers | carol, erin |", md, StringComparison.Ordinal);
        Assert.Contains("| Failures | none |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Drill_TitleSummaryRowAndDrillReport()
    {
        // Act
        var html = ReviewHtml.Render(Whole(drill: true).Review);

        // Assert: compared decoded (HtmlEncode writes some characters as numeric references).
        var h1 = html[(html.IndexOf("<h1>", StringComparison.Ordinal) + 4)..html.IndexOf("</h1>", StringComparison.Ordinal)];
        Assert.Equal("DRILL · INC-1: Drill: Roll back the prompt", WebUtility.HtmlDecode(h1));
        var decoded = WebUtility.HtmlDecode(html);
        Assert.Contains("<tr><th>Drill</th><td class=\"num\">yes — a practice incident, not counted in the metrics</td></tr>", decoded, StringComparison.Ordinal);
        Assert.Contains("<h2>Drill report</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Approvers</th><td class=\"num\">carol, erin</td></tr>", decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DrillAndReal_SummaryDrillFlagAndDrillReport()
    {
        // Arrange
        var (drill, drillEvents) = Whole(drill: true);
        var (real, realEvents) = Whole(drill: false);

        // Act
        using var drillDoc = JsonDocument.Parse(ReviewJson.Render(drill, drillEvents));
        using var realDoc = JsonDocument.Parse(ReviewJson.Render(real, realEvents));

        // Assert
        Assert.True(drillDoc.RootElement.GetProperty("summary").GetProperty("drill").GetBoolean());
        var report = drillDoc.RootElement.GetProperty("drillReport");
        Assert.Equal(60, report.GetProperty("durations").GetProperty("toTriage").GetDouble());
        Assert.Equal(["carol", "erin"], report.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
        Assert.True(report.GetProperty("recovered").GetBoolean());
        Assert.False(realDoc.RootElement.GetProperty("summary").GetProperty("drill").GetBoolean());
        Assert.Equal(JsonValueKind.Null, realDoc.RootElement.GetProperty("drillReport").ValueKind);
    }

    [Fact]
    public void MarkdownAndHtml_RealIncident_SayNothingOfDrills()
    {
        // Act
        var (review, _) = Whole(drill: false);
        var md = ReviewMarkdown.Render(review);
        var html = ReviewHtml.Render(review);

        // Assert
        Assert.StartsWith("# INC-1: Assistant promises refunds", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Drill", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Drill", html, StringComparison.Ordinal);
    }
}
