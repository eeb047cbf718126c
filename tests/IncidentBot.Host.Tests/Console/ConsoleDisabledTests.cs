using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary>With Console:Enabled=false the console routes do not exist, even in Development.</summary>
public sealed class ConsoleDisabledTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync("Development", new Dictionary<string, string?> { ["Console:Enabled"] = "false" });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData("GET", "/console")]
    [InlineData("GET", "/api/console/people")]
    [InlineData("GET", "/api/console/feed")]
    [InlineData("GET", "/api/console/stream")]
    [InlineData("POST", "/api/console/messages")]
    public async Task Route_ConsoleDisabled_Is404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? Json.Raw("{\"user\": \"alice\", \"text\": \"/incident declare X sev1 runbook=ai-assistant-drift\"}") : null,
        };

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Route_ConsoleDisabled_ApiStillAnswers()
    {
        using var response = await bot.Http.GetAsync("/api/runbooks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
