using System.Net;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Core.Review;

namespace IncidentBot.Core.Export;

/// <summary>
/// The post-mortem as one self-contained, printable HTML page: no scripts, no external resources, one inline
/// <c>&lt;style&gt;</c> (with a print stylesheet, so the browser prints it to a clean PDF), every piece of text
/// HTML-encoded. Served with a Content-Security-Policy that allows only that style (<see cref="StyleHash"/>).
/// </summary>
public static class ReviewHtml
{
    /// <summary>The page's only stylesheet (inline).</summary>
    public const string Style = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232a;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}.sub{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}table.summary th{width:12rem}td.num{font-variant-numeric:tabular-nums}
ul,ol{margin:.2rem 0 .2rem 1.3rem;padding:0}li{margin:.1rem 0}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.missing{color:#b42318;font-weight:600}.ok{color:#1a7f37;font-weight:600}.timeline td{font-size:12px}.timeline td.num{white-space:nowrap}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,li{break-inside:avoid}
table.summary{break-inside:avoid}.timeline td{font-size:9px}a{color:inherit;text-decoration:none}@page{margin:14mm}}
""";

    /// <summary>The CSP source of <see cref="Style"/>: <c>'sha256-…'</c>.</summary>
    public static string StyleHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    /// <summary>The Content-Security-Policy to serve the page with: nothing may load or run but its own style.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {StyleHash}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The page.</summary>
    public static string Render(PostIncidentReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var s = review.Summary;
        var mark = review.Drill is null ? "" : ReviewFormat.DrillTitleMark;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(mark + s.Id)).Append(" review: ").Append(E(s.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        sb.Append("<h1>").Append(E(mark + s.Id)).Append(": ").Append(E(s.Title)).Append("</h1>\n<p class=\"sub\">")
          .Append(review.Drill is null ? "Post-incident review drafted by IncidentBot from the incident's evidence."
              : "Drill review drafted by IncidentBot from the drill's evidence. This was a practice incident, not a real one.").Append("</p>\n");

        sb.Append("<h2>Summary</h2>\n<table class=\"summary\">");
        foreach (var (label, value) in ReviewFormat.SummaryRows(review))
            sb.Append("<tr><th>").Append(E(label)).Append("</th><td class=\"num\">").Append(E(value)).Append("</td></tr>");
        sb.Append("</table>\n");
        if (review.Drill is { } drill)
        {
            sb.Append("<h2>Drill report</h2>\n<table class=\"summary\">");
            foreach (var (label, value) in ReviewFormat.DrillRows(drill))
                sb.Append("<tr><th>").Append(E(label)).Append("</th><td class=\"num\">").Append(E(value)).Append("</td></tr>");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Impact</h2>\n<ul>");
        Li(sb, "Impact window: " + ReviewFormat.ImpactWindow(review));
        if (s.AlertLink is { } link) sb.Append("<li>Alert: <code>").Append(E(link)).Append("</code></li>");
        sb.Append("</ul>\n<h2>What changed</h2>\n<ul>");
        if (review.RecentChanges.Count == 0) Li(sb, "No changes to the service were recorded in the window before the incident.");
        foreach (var c in review.RecentChanges) Li(sb, ReviewFormat.Change(c, review.RecentChanges));
        Li(sb, "Triage pointed at: " + (review.SuspectChange is { } suspect ? ReviewFormat.Change(suspect, review.RecentChanges) : "no recorded change"));
        foreach (var m in review.Moves) Li(sb, $"Containment moved {m.Layer}: {m.From} → {m.To} ({m.OptionId}, attempt {m.Attempt})");
        sb.Append("</ul>\n<h2>Who decided, and how</h2>\n<ul>");
        if (review.Decisions.Count == 0) Li(sb, "No decisions recorded.");
        foreach (var d in review.Decisions) Li(sb, ReviewFormat.Decision(d));
        sb.Append("</ul>\n<h2>Path and effect</h2>\n");
        foreach (var c in review.Containments)
        {
            sb.Append("<h3>").Append(E(ReviewFormat.Attempt(c))).Append("</h3><ul>");
            Li(sb, ReviewFormat.Decided(c));
            foreach (var step in c.Steps) Li(sb, ReviewFormat.Step(step));
            foreach (var check in c.Checks) Li(sb, ReviewFormat.Check(check));
            if (c.Verification is { } v) Li(sb, "Verification " + v);
            sb.Append("</ul>\n");
        }
        sb.Append("<p>Controls still in force: ").Append(E(review.ControlsInForce.Count == 0 ? "none" : string.Join(", ", review.ControlsInForce))).Append("</p>\n");

        List(sb, "Learnings", review.Learnings.Select(l => $"{l.Text} ({l.By})"));
        List(sb, "Contributing factors", review.ContributingFactors.Select(l => $"{l.Text} ({l.By})"));
        List(sb, "Follow-ups", review.FollowUps.Select(ReviewFormat.FollowUp));
        if (review.Questions.Count > 0)
        {
            sb.Append("<h2>Review questions</h2>\n<ol>");
            foreach (var q in review.Questions)
                sb.Append("<li>").Append(E(q.Question)).Append(" — ").Append(q.Answer is { } a ? E($"{a.Text} ({a.By})") : "<em>not answered yet</em>").Append("</li>");
            sb.Append("</ol>\n");
        }
        if (review.Required is { } r)
            sb.Append("<h2>Required before close</h2>\n<p class=\"").Append(r.Missing.Count == 0 ? "ok" : "missing").Append("\">")
              .Append(E(ReviewFormat.Required(r))).Append("</p>\n");

        sb.Append("<h2>Timeline</h2>\n<table class=\"timeline\"><tr><th>#</th><th>Time (UTC)</th><th>Who</th><th>Via</th><th>What</th></tr>");
        foreach (var e in review.Timeline)
            sb.Append("<tr><td>").Append(e.Seq).Append("</td><td class=\"num\">").Append(E(ReviewFormat.Time(e.AtUtc))).Append("</td><td>")
              .Append(E(e.Actor)).Append("</td><td>").Append(E(e.Surface)).Append("</td><td>").Append(E(e.Text)).Append("</td></tr>");
        sb.Append("</table>\n<h2>Evidence</h2>\n<ul><li>Events: ").Append(review.Seal.Events).Append(", chain head <code>").Append(E(review.Seal.ChainHead)).Append("</code></li>");
        if (review.Seal.Seal is { } seal)
            sb.Append("<li>Evidence seal: <code>").Append(E(seal)).Append("</code> (check with <code>incidentbot evidence verify --seal</code>)</li>");
        sb.Append("</ul>\n</body></html>\n");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(Text.UntrustedText.Clean(text));

    private static void Li(StringBuilder sb, string text) => sb.Append("<li>").Append(E(text)).Append("</li>");

    private static void List(StringBuilder sb, string heading, IEnumerable<string> items)
    {
        sb.Append("<h2>").Append(heading).Append("</h2>\n<ul>");
        var any = false;
        foreach (var item in items) { Li(sb, item); any = true; }
        if (!any) Li(sb, "None recorded.");
        sb.Append("</ul>\n");
    }
}
