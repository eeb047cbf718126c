using System.Globalization;
using System.Text;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Review;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Export;

/// <summary>
/// Exports an incident's evidence: the post-mortem document (<see cref="PostIncidentReview"/>) in Markdown
/// (<see cref="ReviewMarkdown"/>) or as a printable HTML page (<see cref="ReviewHtml"/>), the same review as JSON for
/// tools, and the timeline as CSV. JSON and CSV entries carry their hashes and Markdown and HTML name the chain head,
/// so a reader can check an export against <c>incidentbot evidence verify</c>. Every format carries the incident's
/// seal when the store keeps checkpoints (Markdown and HTML: an <c>Evidence seal</c> line; JSON: <c>seal</c>; CSV: a
/// first line <c># evidence seal: …</c>), which <c>incidentbot evidence verify --seal</c> confirms later. Text from
/// people and alerts is cleaned (<see cref="UntrustedText"/>: no line breaks, controls or direction overrides, even in
/// evidence stored before that cleaning existed or in text from executors and checks) and escaped for each format
/// (Markdown: <see cref="MarkdownText"/>; HTML: encoded; CSV: no formulas). JSON keeps each event's payload exactly as
/// stored, since it is what the hashes cover.
/// </summary>
public static class TimelineExporter
{
    /// <summary>Formats supported by <see cref="Export"/>.</summary>
    public static readonly IReadOnlyList<string> Formats = ["md", "json", "csv", "html"];

    /// <summary>The MIME type of a format.</summary>
    public static string ContentType(string format) => format switch
    {
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => "text/markdown; charset=utf-8",
    };

    /// <summary>One incident's export in <paramref name="format"/> (<c>md</c>, <c>json</c>, <c>csv</c>, <c>html</c>).</summary>
    /// <param name="events">The incident's events, in order.</param>
    /// <param name="format"><c>md</c>, <c>json</c>, <c>csv</c> or <c>html</c>.</param>
    /// <param name="seal">The incident's seal (<see cref="IEvidenceStore.GetSealAsync"/>), written into the header; null for none.</param>
    /// <param name="review">The drafted review (with the runbook's requirements and the change log); null drafts one
    /// from the events alone.</param>
    public static string Export(IReadOnlyList<EvidenceEvent> events, string format, string? seal = null, PostIncidentReview? review = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!Formats.Contains(format)) throw new ArgumentOutOfRangeException(nameof(format), format, "md, json, csv or html");
        if (format == "csv") return (seal is null ? "" : $"# evidence seal: {seal}\r\n") + Csv(events);
        review ??= PostIncidentReviewBuilder.Build(events, null, [], seal)
                   ?? throw new ArgumentException("The events do not start with a declaration.", nameof(events));
        return format switch
        {
            "json" => ReviewJson.Render(review, events),
            "html" => ReviewHtml.Render(review),
            _ => ReviewMarkdown.Render(review),
        };
    }

    private static string Csv(IReadOnlyList<EvidenceEvent> events)
    {
        var sb = new StringBuilder("seq,time,actor,surface,type,summary,hash\r\n");
        foreach (var (e, text) in events.Select(e => (e, TimelineText.Describe(EventCodec.Deserialize(e.Type, e.PayloadJson)))))
            sb.AppendJoin(',', new[] { e.Seq.ToString(CultureInfo.InvariantCulture), EvidenceHasher.FormatTime(e.OccurredUtc), e.Actor, e.Surface, e.Type, text, e.Hash }.Select(CsvCell))
              .Append("\r\n");
        return sb.ToString();
    }

    private static string CsvCell(string text)
    {
        var s = UntrustedText.Clean(text);
        // A cell starting with = + - @ is a formula to spreadsheet programs: neutralise it.
        if (s.Length > 0 && "=+-@\t\r".Contains(s[0], StringComparison.Ordinal)) s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
