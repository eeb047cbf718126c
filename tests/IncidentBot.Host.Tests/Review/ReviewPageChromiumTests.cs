using IncidentBot.Host.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace IncidentBot.Host.Tests.Review;

/// <summary>
/// The review page of a whole incident in headless Debian Chromium: its inline style applies under the page's CSP
/// (no violation), it is screenshotted (the README's picture, <c>docs/review-page.png</c>), and printed to PDF the
/// summary table is on page 1.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ReviewPageChromiumTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task ReviewPage_WholeIncident_ScreenshotsAndPrintsTheSummaryOnPageOne()
    {
        // Arrange
        await using var run = await ReviewIncident.StartAsync();
        var id = await run.RunAsync();
        var page = await chromium.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text); };

        try
        {
            // Act
            var response = await page.GotoAsync(new Uri(run.Http.BaseAddress!, $"/incidents/{id}/review").ToString());
            var collapse = await page.EvalOnSelectorAsync<string>("table.summary", "t => getComputedStyle(t).borderCollapse");
            var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "review-page.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.ChangeExtension(path, ".full.png"), FullPage = true });
            output.WriteLine("screenshot: " + path);
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });

            // Assert
            Assert.Equal(200, response!.Status);
            Assert.Equal("collapse", collapse);          // the inline style ran: its hash is in the CSP
            Assert.Empty(violations);
            using var document = PdfDocument.Open(pdf);
            Assert.True(document.NumberOfPages >= 2, $"{document.NumberOfPages} page(s)");
            var first = string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
            foreach (var expected in new[] { id, "Summary", "Declared", "Recovered", "Time to acknowledge", "Time to mitigate", "Time to recover", "Total", "review-api" })
                Assert.Contains(expected, first, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
