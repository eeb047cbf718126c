using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Tests.Support;

namespace IncidentBot.Integrations.Tests.Checks;

public sealed class HttpCheckTests
{
    private const string Health = "{\"status\":\"ok\",\"checks\":{\"model\":{\"ok\":true}},\"items\":[{\"value\":3}]}";

    [Theory]
    [InlineData(null, null)]
    [InlineData("status", "ok")]
    [InlineData("checks.model.ok", "true")]
    [InlineData("items.0.value", "3")]
    public async Task RunAsync_ExpectedStatusAndValue_Passes(string? path, string? expected)
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, Health));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec(server.BaseUrl + "/health/{{service}}", 200, path, expected));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.StartsWith($"GET {server.BaseUrl}/health/checkout-api -> 200", outcome.Detail);
        Assert.Equal("/health/checkout-api", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task RunAsync_UrlFromSetting_InsertedAsWritten()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, Health));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec("{{settings.health_url}}", 200, "status", "ok"),
            settings: new Dictionary<string, string> { ["health_url"] = server.BaseUrl + "/practice/health" });

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Equal("/practice/health", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task RunAsync_WrongStatus_Fails()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 503, Health));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec(server.BaseUrl + "/health", 200, "status", "ok"));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Equal($"GET {server.BaseUrl}/health -> 503, expected 200", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_JsonValueDiffers_Fails()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, Health.Replace("\"ok\":true", "\"ok\":false", StringComparison.Ordinal)));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec(server.BaseUrl + "/health", 200, "checks.model.ok", "true"));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.EndsWith("checks.model.ok = false, expected true", outcome.Detail);
    }

    [Theory]
    [InlineData("checks.cache.ok", "'checks.cache' not found")]
    [InlineData("items.5.value", "'items.5' not found")]
    public async Task RunAsync_PathMissing_Inconclusive(string path, string reason)
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, Health));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec(server.BaseUrl + "/health", 200, path, "true"));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Inconclusive, outcome.Status);
        Assert.Contains(reason, outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_BodyNotJsonWhenPathGiven_Inconclusive()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "<html>ok</html>", "text/html"));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec(server.BaseUrl + "/health", 200, "status", "ok"));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Inconclusive, outcome.Status);
        Assert.Contains("the body is not JSON", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_Unreachable_Inconclusive()
    {
        // Arrange
        using var harness = Harness.Create();
        var context = TestIncidents.Check(new HttpCheckSpec($"http://127.0.0.1:{StandIn.UnusedPort()}/health", 200, null, null));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Inconclusive, outcome.Status);
        Assert.Contains("unreachable", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_SlowerThanTimeout_Inconclusive()
    {
        // Arrange
        await using var server = await StandIn.StartAsync(async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            await StandIn.ReplyAsync(ctx, 200, Health);
        });
        using var harness = Harness.Create(new Dictionary<string, string?> { ["Checks:Timeout"] = "00:00:01" });
        var context = TestIncidents.Check(new HttpCheckSpec(server.BaseUrl + "/health", 200, null, null));

        // Act
        var outcome = await harness.HttpCheck.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Inconclusive, outcome.Status);
        Assert.Contains("timed out after 1 s", outcome.Detail);
    }
}
