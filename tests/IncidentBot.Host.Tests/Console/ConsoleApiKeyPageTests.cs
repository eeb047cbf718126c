using IncidentBot.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// The console page outside Development, in headless Chromium against the real bot with its Content-Security-Policy:
/// it takes the API key from the address once (and drops it from the address), or asks for it when the bot answers
/// 401, keeps it in sessionStorage and sends it as X-Api-Key.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsoleApiKeyPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Key = "page-key-0123456789";
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync("Production", new Dictionary<string, string?> { ["Console:Enabled"] = "true", ["Api:Keys:0"] = Key });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData("console#key=" + Key)]
    [InlineData("console?key=" + Key)]
    public async Task Page_KeyInTheAddress_IsStoredRemovedFromTheAddressAndSent(string path)
    {
        var page = await chromium.NewPageAsync();
        try
        {
            var blocked = new List<string>();
            page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
            await page.GotoAsync(new Uri(bot.Http.BaseAddress!, path).ToString());

            var console = new ConsolePage(page);
            await Expect(page.Locator("[data-testid=connection][data-state=online]")).ToBeVisibleAsync();
            await console.SelectPersonAsync("alice");
            await console.SendAsync("/incident help");

            Assert.DoesNotContain(Key, page.Url, StringComparison.Ordinal);
            Assert.Equal(Key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('incidentbot.console.apiKey')"));
            Assert.False(await console.Modal.IsVisibleAsync());
            Assert.Empty(blocked);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Page_KeySavedThenCleared_SetsThenDropsTheReviewPagesCookie()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(bot.Http.BaseAddress!, "console#key=" + Key).ToString());
            await Expect(page.Locator("[data-testid=connection][data-state=online]")).ToBeVisibleAsync();
            var review = new Uri(bot.Http.BaseAddress!, "incidents/INC-1/review").ToString();

            var cookie = Assert.Single(await page.Context.CookiesAsync([review]));
            var elsewhere = await page.Context.CookiesAsync([new Uri(bot.Http.BaseAddress!, "api/incidents").ToString()]);
            await page.EvaluateAsync("() => window.incidentBotApiKey.set(null)");

            Assert.Equal(("incidentbot_key", Key, "/incidents"), (cookie.Name, cookie.Value, cookie.Path));
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
            Assert.False(cookie.Secure); // plain http on loopback; the page adds Secure on https
            Assert.Empty(elsewhere);
            Assert.Empty(await page.Context.CookiesAsync([review]));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Page_NoKey_AsksForItOnceThenWorks()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(bot.Http.BaseAddress!, "console").ToString());
            var console = new ConsolePage(page);

            await Expect(console.Modal).ToBeVisibleAsync();
            await page.GetByTestId("modal-input").FillAsync(Key);
            await page.GetByTestId("modal-confirm").ClickAsync();

            await Expect(page.Locator("[data-testid=connection][data-state=online]")).ToBeVisibleAsync();
            await console.SelectPersonAsync("alice");
            await console.SendAsync("/incident help");
            await Expect(console.Modal).Not.ToBeVisibleAsync();
            Assert.Equal(Key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('incidentbot.console.apiKey')"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
