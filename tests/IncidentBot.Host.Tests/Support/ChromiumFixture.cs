using Microsoft.Playwright;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// One headless Debian Chromium (<c>/usr/bin/chromium</c>) driven by Playwright, shared by the tests of a class or
/// collection. Playwright's own browsers are never used or downloaded (no <c>playwright install</c>): the machine has
/// only loopback network, and <c>./test.sh</c> installs Debian's chromium package.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this machine's
    // closed network refuses, many connections at a time.
    static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    IPlaywright? playwright;
    IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing. Run ./test.sh (it installs Debian's chromium package) or " +
                "'apt-get install chromium'. Never 'playwright install': it downloads a browser.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A page in a fresh context (own cookies and storage), desktop-sized.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
