using System.Net;
using IncidentBot.Host.Console;
using IncidentBot.Host.Tests.Signals;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary>Outside Development the console's API needs the API key like every other /api route (it acts as any
/// person, approvers included); the page itself loads without one and sends a strict Content-Security-Policy.</summary>
public sealed class ConsoleAccessTests : IAsyncLifetime
{
    private const string Key = "console-key-0123456789";
    private const string Declare = "{\"user\": \"bob\", \"text\": \"/incident declare Forged sev1 runbook=ai-assistant-drift\"}";
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync("Production", new Dictionary<string, string?> { ["Console:Enabled"] = "true", ["Api:Keys:0"] = Key });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/console/people", null)]
    [InlineData("GET", "/api/console/feed", null)]
    [InlineData("GET", "/api/console/stream", null)]
    [InlineData("GET", "/api/console/stream", "wrong-key")]
    [InlineData("POST", "/api/console/messages", null)]
    [InlineData("POST", "/api/console/messages", "wrong-key")]
    public async Task ConsoleApi_OutsideDevelopmentWithoutTheKey_Is401AndChangesNothing(string method, string path, string? key)
    {
        var before = await SignalFixtures.CountAsync(bot);
        using var request = Request(method, path, key);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(before, await SignalFixtures.CountAsync(bot));
    }

    [Fact]
    public async Task PostMessage_OutsideDevelopmentWithTheKey_IsHandled()
    {
        using var request = Request("POST", "/api/console/messages", Key);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("applied", (await Json.ReadAsync(response)).GetProperty("outcome").GetString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Stream_OutsideDevelopmentWithTheKey_Streams()
    {
        await using var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!, key: Key);

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ready", (await stream.NextAsync()).Event);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/")]
    [InlineData("/console/console.js")]
    [InlineData("/console/apikey.js")]
    public async Task Page_OutsideDevelopment_LoadsWithoutAKeyAndSendsAStrictPolicy(string path)
    {
        using var response = await bot.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(ConsoleEndpoints.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Page_Html_HasNoInlineScriptOrHandlers()
    {
        // base-uri 'none' forbids the page's own <base href>: the page must then name its assets absolutely.
        var html = await bot.Http.GetStringAsync("/console");

        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        Assert.DoesNotContain("<base", html, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Request(string method, string path, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json.Raw(Declare) : null };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }
}
