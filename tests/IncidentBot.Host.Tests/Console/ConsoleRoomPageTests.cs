using IncidentBot.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// The console as a shared room, in headless Chromium against the real bot: alice and bob in two browser contexts see
/// each other's lines and cards within a second without reloading, older cards' buttons are disabled in both, and a
/// reload keeps the thread's history.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsoleRoomPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    // The acceptance bound: measured from the moment the actor's own page shows the result.
    private static readonly LocatorAssertionsToBeVisibleOptions WithinOneSecond = new() { Timeout = 1000 };

    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Room_AliceAndBobActInTwoBrowsers_EachSeesTheOtherLiveAndAReloadKeepsTheHistory()
    {
        var id = await bot.DeclareAsync("Refunds promised");
        var alicePage = await chromium.NewPageAsync();
        var bobPage = await chromium.NewPageAsync();
        try
        {
            var alice = await JoinAsync(alicePage, "alice", id);
            var bob = await JoinAsync(bobPage, "bob", id);
            await Expect(alicePage.GetByTestId("review-link")).ToHaveAttributeAsync("href", $"/incidents/{id}/review");

            // alice triages from the declaration's card; bob sees her line and the new card without reloading.
            var triage = $"/incident triage {id} sev2";
            await alice.ClickCardButtonAsync(id, triage);
            var triaged = await alice.Cards(id).Last.GetAttributeAsync("data-key");
            Assert.NotNull(triaged);
            await Expect(Line(bobPage, id, "alice", triage)).ToBeVisibleAsync(WithinOneSecond);
            await Expect(Card(bobPage, id, triaged)).ToBeVisibleAsync(WithinOneSecond);

            // bob chooses a containment on that card; alice sees it the same way.
            var contain = $"/incident contain {id} pause-refunds-path";
            await bob.ClickCardButtonAsync(id, contain);
            var contained = await bob.Cards(id).Last.GetAttributeAsync("data-key");
            Assert.NotNull(contained);
            Assert.NotEqual(triaged, contained);
            await Expect(Line(alicePage, id, "bob", contain)).ToBeVisibleAsync(WithinOneSecond);
            await Expect(Card(alicePage, id, contained)).ToBeVisibleAsync(WithinOneSecond);

            // Updated in place: in both pages the older cards' buttons are disabled and say why, the newest are live.
            foreach (var page in new[] { alicePage, bobPage })
            {
                await ExpectSupersededAsync(page, id, triaged, contained);

                // The history's card was current when the thread was opened: the declaration's, older still.
                foreach (var button in await page.Locator($"[data-testid=current-card][data-incident={id}] [data-testid=card-button]").AllAsync())
                {
                    await Expect(button).ToBeDisabledAsync();
                }
            }

            await bobPage.ReloadAsync();

            await Expect(bob.Thread(id)).ToHaveAttributeAsync("aria-current", "true");
            var history = bobPage.Locator($"[data-testid=history][data-thread={id}] [data-testid=history-text]");
            await Expect(history.Filter(new() { HasText = "declared \"Refunds promised\"" })).ToHaveCountAsync(1);
            await Expect(history.Filter(new() { HasText = "sev2" }).First).ToBeVisibleAsync();
            await Expect(Line(bobPage, id, "alice", triage)).ToBeVisibleAsync();
            await Expect(Line(bobPage, id, "bob", contain)).ToBeVisibleAsync();
            await ExpectSupersededAsync(bobPage, id, triaged, contained);
            var current = bobPage.Locator($"[data-testid=current-card][data-incident={id}]");
            await Expect(current).ToHaveAttributeAsync("data-key", contained);
            await Expect(current.GetByTestId("card-button").First).ToBeEnabledAsync();
        }
        finally
        {
            await alicePage.Context.CloseAsync();
            await bobPage.Context.CloseAsync();
        }
    }

    private async Task<ConsolePage> JoinAsync(IPage page, string person, string id)
    {
        var console = new ConsolePage(page);
        await console.OpenAsync(bot.Http.BaseAddress!);
        await console.SelectPersonAsync(person);
        await Expect(console.Thread(id)).ToBeVisibleAsync();
        await console.SelectThreadAsync(id);
        await Expect(page.Locator($"[data-testid=history][data-thread={id}]")).ToBeVisibleAsync();
        return console;
    }

    private static async Task ExpectSupersededAsync(IPage page, string id, string older, string newest)
    {
        var stale = Card(page, id, older);
        await Expect(stale).ToHaveAttributeAsync("data-superseded", "true");
        await Expect(stale.GetByTestId("superseded")).ToHaveTextAsync("Superseded by a newer card");
        foreach (var button in await stale.GetByTestId("card-button").AllAsync())
        {
            await Expect(button).ToBeDisabledAsync();
        }

        var live = Card(page, id, newest);
        await Expect(live).Not.ToHaveAttributeAsync("data-superseded", "true");
        await Expect(live.GetByTestId("card-button").First).ToBeEnabledAsync();
    }

    private static ILocator Line(IPage page, string id, string person, string text) =>
        page.Locator($"[data-testid=message][data-thread={id}][data-author={person}] .message-text").Filter(new() { HasText = text });

    private static ILocator Card(IPage page, string id, string key) =>
        page.Locator($"[data-testid=message][data-thread={id}] [data-testid=card][data-key=\"{key}\"]");
}
