using IncidentBot.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>In headless Chromium against the real bot: alice takes command of an alert-opened incident from its card.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsoleTakeCommandPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Page_AliceClicksTakeCommand_AliceCommands()
    {
        var page = await chromium.NewPageAsync();
        try
        {
            var console = new ConsolePage(page);
            await console.OpenAsync(bot.Http.BaseAddress!);
            await console.SelectPersonAsync("alice");
            var id = await ConsoleTakeCommandTests.OpenFromAlertAsync(bot);
            await Expect(console.Thread(id)).ToBeVisibleAsync();
            await console.SelectThreadAsync(id);

            await console.ClickCardButtonAsync(id, $"/incident assign {id} commander me");

            using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
            var incident = await Json.ReadAsync(response);
            Assert.Equal("alice", incident.GetProperty("commander").GetString());
            Assert.Contains(incident.GetProperty("timeline").EnumerateArray(),
                e => e.GetProperty("type").GetString() == "RoleAssigned" && e.GetProperty("actor").GetString() == "alice");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
