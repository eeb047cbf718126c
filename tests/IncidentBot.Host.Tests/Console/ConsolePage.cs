using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// The console page (<c>/console</c>) as a test sees it, through its <c>data-testid</c> hooks only: the person
/// picker, the composer, the thread list, messages, cards, card buttons and the modal.
/// </summary>
public sealed class ConsolePage(IPage page)
{
    const string MessagesEndpoint = "/api/console/messages";

    // Buttons can arrive late: a verification result comes through the room's stream once the bot has it.
    const float ButtonTimeoutMs = 60_000;

    public IPage Page { get; } = page;

    public ILocator Modal => Page.GetByTestId("modal");

    /// <summary>Opens the page and waits until the room's stream is connected.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        await Page.GotoAsync(new Uri(baseAddress, "console").ToString());
        await Expect(Page.Locator("[data-testid=connection][data-state=online]")).ToBeVisibleAsync();
    }

    public async Task SelectPersonAsync(string personId)
    {
        await Page.GetByTestId("person").SelectOptionAsync(personId);
        await Expect(Page.GetByTestId("person")).ToHaveValueAsync(personId);
    }

    public async Task SelectThreadAsync(string thread)
    {
        await Thread(thread).ClickAsync();
        await Expect(Thread(thread)).ToHaveAttributeAsync("aria-current", "true");
    }

    /// <summary>The thread list entry of <paramref name="thread"/> (<c>#incidents</c> or an incident id).</summary>
    public ILocator Thread(string thread) => Page.Locator($"[data-testid=thread][data-thread={Quote(thread)}]");

    /// <summary>
    /// Waits until the thread list shows the incident in one of <paramref name="states"/> (the camelCase state names
    /// of <c>GET /api/incidents</c>); the page refreshes the list after every reply and room entry.
    /// </summary>
    public async Task ExpectStateAsync(string thread, float timeoutMs, params string[] states)
    {
        var pattern = new Regex("^(" + string.Join('|', states.Select(Regex.Escape)) + ")$");
        await Expect(Thread(thread).Locator(".badge")).ToHaveAttributeAsync("data-state", pattern, new() { Timeout = timeoutMs });
    }

    /// <summary>Cards shown in the open thread that belong to <paramref name="thread"/>.</summary>
    public ILocator Cards(string thread) =>
        Page.Locator($"[data-testid=message][data-thread={Quote(thread)}] [data-testid=card]");

    /// <summary>Types a line in the composer, presses Enter and waits until its replies are on the page.</summary>
    public async Task SendAsync(string text)
    {
        await Page.GetByTestId("composer").FillAsync(text);
        await Page.RunAndWaitForResponseAsync(
            () => Page.GetByTestId("composer").PressAsync("Enter"),
            response => IsMessagePost(response));
        await WaitUntilSentAsync();
    }

    /// <summary>
    /// Clicks the last button of the thread whose command starts with <paramref name="commandPrefix"/>, answers the
    /// modal if the button asks for one (confirm, and <paramref name="input"/> for a text prompt), and waits until the
    /// replies are on the page.
    /// </summary>
    public async Task ClickCardButtonAsync(string thread, string commandPrefix, string input = "e2e")
    {
        var button = CardButtons(thread, commandPrefix).Last;
        await Expect(button).ToBeEnabledAsync(new() { Timeout = ButtonTimeoutMs });
        var posted = Page.WaitForResponseAsync(IsMessagePost);
        await button.ClickAsync();

        // The page opens its modal synchronously in the click handler, so by now it is open or never will be.
        if (await Modal.IsVisibleAsync())
        {
            var field = Page.GetByTestId("modal-input");
            if (await field.IsVisibleAsync())
            {
                await field.FillAsync(input);
            }

            await Page.GetByTestId("modal-confirm").ClickAsync();
            await Expect(Modal).ToBeHiddenAsync();
        }

        await posted;
        await WaitUntilSentAsync();
    }

    /// <summary>The buttons of the thread's cards whose command starts with <paramref name="commandPrefix"/>.</summary>
    public ILocator CardButtons(string thread, string commandPrefix) =>
        Page.Locator($"[data-testid=message][data-thread={Quote(thread)}] " +
                     $"[data-testid=card-button][data-command^={Quote(commandPrefix)}]");

    public async Task<bool> HasCardButtonAsync(string thread, string commandPrefix) =>
        await CardButtons(thread, commandPrefix).CountAsync() > 0;

    /// <summary>Texts of the cards of a thread from index <paramref name="from"/> on, with their tones.</summary>
    public async Task<IReadOnlyList<(string Tone, string Text)>> CardsFromAsync(string thread, int from)
    {
        var cards = Cards(thread);
        var count = await cards.CountAsync();
        var result = new List<(string, string)>();
        for (var i = from; i < count; i++)
        {
            var card = cards.Nth(i);
            result.Add((await card.GetAttributeAsync("data-tone") ?? "", await card.InnerTextAsync()));
        }

        return result;
    }

    /// <summary>Waits for a card of the thread whose text matches <paramref name="pattern"/> and returns its index.</summary>
    public async Task<int> WaitForCardAsync(string thread, Regex pattern, int from = 0, float timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var cards = await CardsFromAsync(thread, from);
            for (var i = 0; i < cards.Count; i++)
            {
                if (pattern.IsMatch(cards[i].Text))
                {
                    return from + i;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"No card in {thread} matched /{pattern}/ within {timeoutMs / 1000:0} s. Cards since #{from}:\n" +
                    string.Join("\n---\n", cards.Select(c => $"[{c.Tone}] {c.Text}")));
            }

            await Page.WaitForTimeoutAsync(250);
        }
    }

    async Task WaitUntilSentAsync()
    {
        await Expect(Page.Locator("[data-testid=message][data-state=sending]")).ToHaveCountAsync(0);

        // A failed POST (network error, 4xx/5xx) leaves its line marked failed and the error text under it.
        await Expect(Page.Locator("[data-testid=message][data-state=failed]")).ToHaveCountAsync(0);
    }

    static bool IsMessagePost(IResponse response) =>
        response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == MessagesEndpoint;

    static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
