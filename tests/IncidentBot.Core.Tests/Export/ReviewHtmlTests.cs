using System.Security.Cryptography;
using System.Text;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Review;
using IncidentBot.Core.Tests.Review;

namespace IncidentBot.Core.Tests.Export;

/// <summary>The printable review page: self-contained, no scripts, every text encoded, and the one stylesheet the
/// Content-Security-Policy allows by its hash.</summary>
public sealed class ReviewHtmlTests
{
    private static string Page()
    {
        var events = ReviewStreams.Hashed(ReviewStreams.Whole()
            .At(700, "bob", new NoteAdded("<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))")).Events);
        var review = PostIncidentReviewBuilder.Build(events, ReviewStreams.Template, ReviewStreams.Changes, "seal-1")!;
        return TimelineExporter.Export(events, "html", "seal-1", review);
    }

    [Fact]
    public void Render_HostileNote_IsEncodedText()
    {
        var html = Page();

        Assert.Contains("note: &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; [x](javascript:alert(3))", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_Page_HasTheSummaryTableAPrintStylesheetAndTheSeal()
    {
        var html = Page();

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Time to mitigate</th><td class=\"num\">3m 42s</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Time to approve</th><td class=\"num\">2m 00s</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<code>seal-1</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentSecurityPolicy_AllowsExactlyThePagesStyleAndNoScript()
    {
        var html = Page();
        var start = html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        var style = html[start..html.IndexOf("</style>", start, StringComparison.Ordinal)];

        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style))) + "'";

        Assert.Equal(hash, ReviewHtml.StyleHash);
        Assert.Contains("style-src " + hash, ReviewHtml.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", ReviewHtml.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", ReviewHtml.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<style>").Length - 1);
    }
}
