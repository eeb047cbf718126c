using IncidentBot.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// In headless Chromium against the real bot: an incident thread shows its history from storage (what happened before
/// the page was open, by anyone), and a reload reopens the thread with that history and the current card.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsoleHistoryPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Page_ThreadOpenedThenReloaded_ShowsTheStoredHistoryAndTheCurrentCard()
    {
        // Happened before the page was open, so only storage knows it.
        var id = await bot.DeclareAsync("Refunds promised");
        await bot.SayAsync("bob", "/incident note customers are asking", thread: id);
        var page = await chromium.NewPageAsync();
        try
        {
            var console = new ConsolePage(page);
            await console.OpenAsync(bot.Http.BaseAddress!);
            await Expect(console.Thread(id)).ToBeVisibleAsync();
            await console.SelectThreadAsync(id);
            var history = page.Locator($"[data-testid=history][data-thread={id}]");
            await Expect(history.GetByTestId("history-text")).ToContainTextAsync(["declared \"Refunds promised\"", "note: customers are asking"]);

            await page.ReloadAsync();

            await Expect(console.Thread(id)).ToHaveAttributeAsync("aria-current", "true");
            await Expect(history.GetByTestId("history-text")).ToContainTextAsync(["declared \"Refunds promised\"", "note: customers are asking"]);
            await Expect(history.Locator($"[data-testid=current-card][data-incident={id}]")).ToContainTextAsync("Refunds promised");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
