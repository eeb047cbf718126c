using IncidentBot.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// In headless Chromium against the real bot: the thread list shows closed and cancelled incidents too, and its
/// filter (all, open, closed) asks <c>GET /api/incidents?state=…</c> which to show.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsoleThreadFilterPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Page_FilterOpenThenClosed_ListsOnlyThoseIncidents()
    {
        var open = await bot.DeclareAsync("Still burning");
        var cancelled = await bot.DeclareAsync("False alarm");
        Assert.Equal("applied", (await bot.SayAsync("alice", "/incident cancel not an incident", thread: cancelled)).Outcome());
        var page = await chromium.NewPageAsync();
        try
        {
            var console = new ConsolePage(page);
            await console.OpenAsync(bot.Http.BaseAddress!);
            await Expect(console.Thread(cancelled).Locator(".badge")).ToHaveAttributeAsync("data-state", "cancelled");
            await Expect(console.Thread(open)).ToBeVisibleAsync();

            await page.GetByTestId("thread-filter").SelectOptionAsync("open");

            await Expect(console.Thread(cancelled)).ToHaveCountAsync(0);
            await Expect(console.Thread(open)).ToBeVisibleAsync();

            await page.GetByTestId("thread-filter").SelectOptionAsync("closed");

            await Expect(console.Thread(open)).ToHaveCountAsync(0);
            await Expect(console.Thread(cancelled).Locator(".badge")).ToHaveAttributeAsync("data-state", "cancelled");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
