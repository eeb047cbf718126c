using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using Microsoft.Playwright;
using static IncidentBot.Host.Tests.Console.FakeConsoleApi;
using static Microsoft.Playwright.Assertions;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// The console page on its own, in headless Chromium, with the API faked inside the browser (<see cref="FakeConsoleApi"/>):
/// what it shows, what it posts, and that server text never becomes markup.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ConsolePageTests(ChromiumFixture chromium)
{
    const string HostileTitle = "<img src=x onerror=\"window.__pwned=1\"><b>bold</b>";

    [Theory]
    [InlineData("console")]
    [InlineData("console/")]
    public async Task Page_ServedWithOrWithoutTrailingSlash_LoadsItsStylesAndScript(string path)
    {
        var api = new FakeConsoleApi();
        await using var session = await OpenAsync(api, path);

        await Expect(session.Page.GetByTestId("person")).ToHaveValueAsync("alice");
        var sidebar = await session.Page.EvaluateAsync<string>(
            "() => getComputedStyle(document.querySelector('.sidebar')).backgroundColor");
        Assert.Equal("rgb(31, 29, 46)", sidebar);
    }

    [Fact]
    public async Task Declare_HostileTitle_IsShownAsTextInTheNewThread()
    {
        var api = new FakeConsoleApi
        {
            Respond = _ => new
            {
                incidentId = "INC-1",
                replies = new[] { Reply(Card("INC-1 declared: " + HostileTitle, HostileTitle, "danger", "INC-1", "INC-1@1")) },
            },
        };
        await using var session = await OpenAsync(api);
        api.Incidents = [new { id = "INC-1", number = 1, title = HostileTitle, state = "triage" }];

        await session.Page.GetByTestId("composer").FillAsync("/incident declare " + HostileTitle + " sev2");
        await session.Page.GetByTestId("composer").PressAsync("Enter");

        var card = session.Page.Locator("[data-testid=card][data-incident=INC-1]");
        await Expect(card).ToContainTextAsync("<b>bold</b>");
        await Expect(session.Page.Locator("[data-testid=thread][data-thread=INC-1]")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(session.Page.Locator("[data-testid=thread][data-thread=INC-1]")).ToContainTextAsync("<img");
        await Expect(session.Page.GetByTestId("thread-title")).ToContainTextAsync("<img");
        await Expect(session.Page.GetByTestId("review-link")).ToHaveAttributeAsync("href", "/incidents/INC-1/review");
        await Expect(session.Page.GetByTestId("review-link")).ToHaveAttributeAsync("target", "_blank");
        await Expect(session.Page.GetByTestId("timeline-link")).ToHaveAttributeAsync("href", "/api/incidents/INC-1/timeline?format=md");
        Assert.Equal(0, await session.Page.Locator(".app img, .app b").CountAsync());
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"));

        var posted = Assert.Single(api.Posts);
        Assert.Equal("alice", posted.GetProperty("user").GetString());
        Assert.Equal(JsonValueKind.Null, posted.GetProperty("thread").ValueKind);
    }

    [Fact]
    public async Task Button_WithConfirm_AsksInPageThenPostsOnceAsTheSelectedPerson()
    {
        var confirm = new { title = "Approve rollback?", text = "Prompt v42 -> v41.", confirmLabel = "Approve", denyLabel = "Not now" };
        var api = new FakeConsoleApi
        {
            Respond = body => body.GetProperty("text").GetString()!.StartsWith("/incident status", StringComparison.Ordinal)
                ? new
                {
                    incidentId = "INC-1",
                    replies = new[]
                    {
                        Reply(Card("Waiting for approval", "", "warning", "INC-1", "INC-1@3",
                            buttons: [Button("Approve", "/incident approve INC-1", "primary", confirm)])),
                    },
                }
                : new
                {
                    incidentId = "INC-1",
                    replies = new[] { Reply(Card("Refused", "You cannot approve", "warning", "INC-1", "INC-1@3"), "ephemeral") },
                },
        };
        await using var session = await OpenAsync(api);
        await session.SendAsync("/incident status INC-1");
        await session.Page.Locator("[data-testid=thread-link][data-target=INC-1]").ClickAsync();
        await session.Page.GetByTestId("person").SelectOptionAsync("bob");

        var approve = session.Page.Locator("[data-testid=card-button][data-command='/incident approve INC-1']");
        await approve.ClickAsync();
        await Expect(session.Page.GetByTestId("modal")).ToBeVisibleAsync();
        await Expect(session.Page.GetByTestId("modal")).ToContainTextAsync("Approve rollback?");
        await Expect(session.Page.GetByTestId("modal")).ToContainTextAsync("Prompt v42 -> v41.");
        await Expect(session.Page.GetByTestId("modal-confirm")).ToHaveTextAsync("Approve");
        await session.Page.GetByTestId("modal-cancel").ClickAsync();
        await Expect(session.Page.GetByTestId("modal")).ToBeHiddenAsync();
        Assert.Single(api.Posts);

        await approve.ClickAsync();
        await session.Page.GetByTestId("modal-confirm").ClickAsync();
        await Expect(session.Page.Locator("[data-testid=message][data-visibility=ephemeral]")).ToContainTextAsync("Only visible to you");

        var posted = api.Posts[^1];
        Assert.Equal(2, api.Posts.Count);
        Assert.Equal("bob", posted.GetProperty("user").GetString());
        Assert.Equal("/incident approve INC-1", posted.GetProperty("text").GetString());
        Assert.Equal("INC-1", posted.GetProperty("thread").GetString());
        Assert.Equal("console:INC-1@3:bob:/incident approve INC-1", posted.GetProperty("deliveryId").GetString());
        Assert.Empty(session.NativeDialogs);
    }

    [Fact]
    public async Task Button_WithInputPrompt_RequiresTextAndAppendsIt()
    {
        var api = new FakeConsoleApi
        {
            Respond = _ => new
            {
                incidentId = "INC-1",
                replies = new[]
                {
                    Reply(Card("Waiting for approval", "", "warning", "INC-1", "INC-1@3",
                        buttons: [Button("Reject", "/incident reject INC-1", "danger", inputPrompt: "Why reject?")])),
                },
            },
        };
        await using var session = await OpenAsync(api);
        await session.SendAsync("/incident status INC-1");
        await session.Page.Locator("[data-testid=thread][data-thread=INC-1]").ClickAsync();

        await session.Page.Locator("[data-testid=card-button][data-command='/incident reject INC-1']").Last.ClickAsync();
        await Expect(session.Page.GetByTestId("modal")).ToContainTextAsync("Why reject?");
        await Expect(session.Page.GetByTestId("modal-input")).ToBeFocusedAsync();
        await session.Page.GetByTestId("modal-confirm").ClickAsync();
        await Expect(session.Page.GetByTestId("modal")).ToBeVisibleAsync();
        Assert.Single(api.Posts);

        await session.Page.GetByTestId("modal-input").FillAsync("too risky at peak");
        await session.Page.GetByTestId("modal-confirm").ClickAsync();
        await Expect(session.Page.GetByTestId("modal")).ToBeHiddenAsync();
        await Expect(session.Page.Locator("[data-testid=message][data-state=sent]")).ToHaveCountAsync(1);

        Assert.Equal("/incident reject INC-1 too risky at peak", api.Posts[^1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stream_Entries_AppearInTheirIncidentThreadAndResumeFromTheLastId()
    {
        var api = new FakeConsoleApi
        {
            Incidents = [new { id = "INC-4", number = 4, title = "Checkout errors", state = "verifying" }],
        };
        api.AddRoomEntry(7, RoomCard("notification", "INC-4", Card("Rollback finished", "prompt v42 -> v41", "success", "INC-4", "INC-4@6")));
        await using var session = await OpenAsync(api);

        var thread = session.Page.Locator("[data-testid=thread][data-thread=INC-4]");
        await Expect(thread.Locator(".unread")).ToHaveTextAsync("1");
        await Expect(thread.Locator(".badge")).ToHaveAttributeAsync("data-state", "verifying");
        await thread.ClickAsync();
        var card = session.Page.Locator("[data-testid=message][data-thread=INC-4] [data-testid=card]");
        await Expect(card).ToHaveAttributeAsync("data-tone", "success");
        await Expect(card).ToContainTextAsync("prompt v42 -> v41");

        // The fake ends each stream at once; the page reconnects from the last id it saw, and gets the rest exactly once.
        api.AddRoomEntry(9, RoomMessage("bob", "/incident note looks fine now", "INC-4"));
        var messages = session.Page.Locator("[data-testid=message][data-thread=INC-4][data-author=bob]");
        await Expect(messages).ToContainTextAsync(["/incident note looks fine now"], new() { Timeout = 15_000 });
        await Expect(session.Page.Locator("[data-testid=message][data-thread=INC-4] [data-testid=card]")).ToHaveCountAsync(1);

        Assert.Equal("0", api.StreamCursors[0]);
        Assert.Contains("7", api.StreamCursors);
        await Expect(messages).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Stream_EntriesOfThisPagesOwnPost_AreNotShownTwice()
    {
        var api = new FakeConsoleApi
        {
            Respond = _ => new { incidentId = "INC-2", replies = new[] { Reply(Card("Noted", "", "info", "INC-2", "INC-2@4")) } },
        };
        await using var session = await OpenAsync(api);
        await session.Page.Locator("[data-testid=thread][data-thread='#incidents']").ClickAsync();
        await session.SendAsync("/incident note INC-2 hello");
        var tab = api.Posts[^1].GetProperty("tab").GetString()!;

        // The room echoes the post (same tab) and then someone else's line.
        api.AddRoomEntry(1, RoomMessage("alice", "/incident note INC-2 hello", null, tab));
        api.AddRoomEntry(2, RoomCard("reply", "INC-2", Card("Noted", "", "info", "INC-2", "INC-2@4"), tab));
        api.AddRoomEntry(3, RoomMessage("carol", "/incident help", null));

        var carol = session.Page.Locator("[data-testid=message][data-thread='#incidents'][data-author=carol]");
        await Expect(carol).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(session.Page.Locator("[data-testid=message][data-author=alice]")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("[data-testid=thread][data-thread=INC-2] .unread")).ToHaveTextAsync("1");
        await session.Page.Locator("[data-testid=thread][data-thread=INC-2]").ClickAsync();
        await Expect(session.Page.Locator("[data-testid=message][data-thread=INC-2] [data-testid=card]")).ToHaveCountAsync(1);
        Assert.Matches("^[0-9a-f]{24}$", tab);
    }

    [Fact]
    public async Task Stream_SomeoneElseDeclares_TheirLineInTheChannelPointsToTheNewThread()
    {
        var api = new FakeConsoleApi();
        api.AddRoomEntry(1, RoomMessage("bob", "/incident declare Refunds sev2", null));
        api.AddRoomEntry(2, RoomCard("reply", "INC-9", Card("INC-9 declared: Refunds", "", "danger", "INC-9", "INC-9@1")));
        await using var session = await OpenAsync(api);

        await Expect(session.Page.Locator("[data-testid=message][data-thread='#incidents'][data-author=bob]")).ToContainTextAsync("/incident declare Refunds sev2");
        var pointer = session.Page.Locator("[data-testid=thread-link][data-target=INC-9]");
        await Expect(pointer).ToHaveTextAsync("Opened the INC-9 thread →");
        await pointer.ClickAsync();
        await Expect(session.Page.Locator("[data-testid=message][data-thread=INC-9] [data-testid=card]")).ToContainTextAsync("INC-9 declared: Refunds");
    }

    [Fact]
    public async Task Stream_NewerCardOfTheIncident_DisablesTheOlderCardsButtons()
    {
        var api = new FakeConsoleApi
        {
            Incidents = [new { id = "INC-5", number = 5, title = "Drift", state = "triage" }],
        };
        api.AddRoomEntry(1, RoomCard("reply", "INC-5", Card("Triage", "", "info", "INC-5", "INC-5@2",
            buttons: [Button("SEV2", "/incident triage INC-5 sev2")])));
        await using var session = await OpenAsync(api);
        await session.Page.Locator("[data-testid=thread][data-thread=INC-5]").ClickAsync();
        var cards = session.Page.Locator("[data-testid=message][data-thread=INC-5] [data-testid=card]");
        await Expect(cards.Locator("[data-testid=card-button]")).ToBeEnabledAsync();

        api.AddRoomEntry(2, RoomCard("reply", "INC-5", Card("Choose containment", "", "info", "INC-5", "INC-5@3",
            buttons: [Button("Pause refunds", "/incident contain INC-5 pause")])));

        await Expect(cards).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Expect(cards.Nth(0)).ToHaveAttributeAsync("data-superseded", "true");
        await Expect(cards.Nth(0).Locator("[data-testid=card-button]")).ToBeDisabledAsync();
        await Expect(cards.Nth(0).GetByTestId("superseded")).ToHaveTextAsync("Superseded by a newer card");
        await Expect(cards.Nth(1).Locator("[data-testid=card-button]")).ToBeEnabledAsync();
        await Expect(cards.Nth(1)).Not.ToHaveAttributeAsync("data-superseded", "true");
    }

    async Task<Session> OpenAsync(FakeConsoleApi api, string path = "console")
    {
        var page = await chromium.NewPageAsync();
        var session = new Session(page);
        page.Dialog += (_, dialog) =>
        {
            session.NativeDialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await api.AttachAsync(page);
        await page.GotoAsync(new Uri(Origin, path).ToString());
        await Expect(page.Locator("[data-testid=connection][data-state=online]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("person")).ToHaveValueAsync("alice");
        return session;
    }

    sealed class Session(IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public List<string> NativeDialogs { get; } = [];

        public async Task SendAsync(string text)
        {
            await Page.GetByTestId("composer").FillAsync(text);
            await Page.GetByTestId("send").ClickAsync();
            await Expect(Page.Locator("[data-testid=message][data-state=sending]")).ToHaveCountAsync(0);
            await Expect(Page.Locator("[data-testid=message][data-state=sent]").Last).ToBeAttachedAsync();
        }

        public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
    }
}
