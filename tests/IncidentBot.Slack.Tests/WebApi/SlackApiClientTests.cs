using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Tests.Support;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Tests.WebApi;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private const string Token = "xoxb-secret-test-token";
    private static readonly SlackMessage Hello = new("hello", [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "hello" } }]);
    private SlackStandIn standIn = null!;
    private ServiceProvider http = null!;

    public async Task InitializeAsync()
    {
        standIn = await SlackStandIn.StartAsync();
        http = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await http.DisposeAsync();
        await standIn.DisposeAsync();
    }

    private SlackApiClient Client(int maxRetries = 3, TimeSpan? callTimeout = null, TimeSpan? maxRetryAfter = null, Uri? baseUrl = null)
    {
        var options = new SlackOptions
        {
            SigningSecret = "s", BotToken = Token, ApiBaseUrl = baseUrl ?? standIn.ApiBaseUrl, MaxRetries = maxRetries,
            CallTimeout = callTimeout ?? TimeSpan.FromSeconds(5), MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromSeconds(30),
        };
        var resilience = new SlackResilience(options, TimeProvider.System, NullLogger.Instance, TimeSpan.FromMilliseconds(10));
        return new SlackApiClient(http.GetRequiredService<IHttpClientFactory>(), resilience, Options.Create(options), TimeProvider.System,
            NullLogger<SlackApiClient>.Instance);
    }

    [Fact]
    public async Task PostMessageAsync_Normally_SendsTokenOnlyInAuthorizationHeaderAsJson()
    {
        // Act
        var ts = await Client().PostMessageAsync("C1", "1700000000.000001", Hello, CancellationToken.None);

        // Assert
        var call = Assert.Single(standIn.Calls);
        Assert.Equal("chat.postMessage", call.Method);
        Assert.Equal("Bearer " + Token, call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.DoesNotContain(Token, call.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token", call.Body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("C1", call.Body["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.000001", call.Body["thread_ts"]!.GetValue<string>());
        Assert.Equal("hello", call.Body["text"]!.GetValue<string>());
        Assert.Single(call.Body["blocks"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(ts));
    }

    [Fact]
    public async Task UpdateMessageAsync_PlainText_SendsEmptyBlocksSoOldOnesGo()
    {
        // Act
        await Client().UpdateMessageAsync("C1", "1.2", new SlackMessage("plain", []), CancellationToken.None);

        // Assert
        var call = Assert.Single(standIn.Calls);
        Assert.Equal("chat.update", call.Method);
        Assert.Equal("1.2", call.Body["ts"]!.GetValue<string>());
        Assert.Empty(call.Body["blocks"]!.AsArray());
    }

    [Fact]
    public async Task PostMessageAsync_429WithRetryAfter1_WaitsTheHeaderThenSucceeds()
    {
        // Arrange: the backoff alone would wait ~10 ms, so a ~1 s gap can only come from the header.
        standIn.Fault = c => standIn.Calls.IsEmpty ? new StandInFault(429, RetryAfterSeconds: 1) : null;

        // Act
        await Client().PostMessageAsync("C1", null, Hello, CancellationToken.None);

        // Assert
        var calls = standIn.Calls.ToList();
        Assert.Equal(2, calls.Count);
        var waited = calls[1].ReceivedUtc - calls[0].ReceivedUtc;
        Assert.InRange(waited, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(3));
        Assert.Null(calls[1].Fault);
    }

    [Fact]
    public async Task PostMessageAsync_OkFalseRatelimited_RetriedAfterTheHeader()
    {
        // Arrange
        standIn.Fault = c => standIn.Calls.IsEmpty ? new StandInFault(200, RetryAfterSeconds: 1, Error: "ratelimited") : null;

        // Act
        await Client().PostMessageAsync("C1", null, Hello, CancellationToken.None);

        // Assert
        var calls = standIn.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].ReceivedUtc - calls[0].ReceivedUtc >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task PostMessageAsync_RetryAfterLongerThanCap_ThrowsWithRetryAfterAtOnce()
    {
        // Arrange
        standIn.Fault = _ => new StandInFault(429, RetryAfterSeconds: 120);

        // Act
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client(maxRetryAfter: TimeSpan.FromSeconds(30)).PostMessageAsync("C1", null, Hello, CancellationToken.None));

        // Assert
        Assert.Single(standIn.Calls);
        Assert.Equal("http_429", e.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(120), e.RetryAfter);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task PostMessageAsync_500TwiceThenOk_Succeeds()
    {
        // Arrange
        standIn.Fault = _ => standIn.Calls.Count < 2 ? new StandInFault(500) : null;

        // Act
        var ts = await Client().PostMessageAsync("C1", null, Hello, CancellationToken.None);

        // Assert
        Assert.Equal(3, standIn.Calls.Count);
        Assert.Single(standIn.Succeeded("chat.postMessage"));
        Assert.False(string.IsNullOrEmpty(ts));
    }

    [Fact]
    public async Task PostMessageAsync_500Always_ThrowsAfterMaxRetriesPlusOneAttempts()
    {
        // Arrange
        standIn.Fault = _ => new StandInFault(500);

        // Act
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client(maxRetries: 3).PostMessageAsync("C1", null, Hello, CancellationToken.None));

        // Assert
        Assert.Equal(4, standIn.Calls.Count);
        Assert.Equal("http_500", e.ErrorCode);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task PostMessageAsync_OkFalseChannelNotFound_ThrowsWithoutRetrying()
    {
        // Arrange
        standIn.Fault = _ => new StandInFault(200, Error: "channel_not_found");

        // Act
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("C404", null, Hello, CancellationToken.None));

        // Assert
        Assert.Single(standIn.Calls);
        Assert.Equal("channel_not_found", e.ErrorCode);
        Assert.Equal("chat.postMessage", e.Method);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task PostMessageAsync_SlackNeverAnswers_TimesOutEachAttemptAsTransient()
    {
        // Arrange
        using var silent = new SilentServer();
        var client = Client(maxRetries: 1, callTimeout: TimeSpan.FromMilliseconds(200), baseUrl: silent.ApiBaseUrl);

        // Act
        var started = DateTimeOffset.UtcNow;
        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync("C1", null, Hello, CancellationToken.None));

        // Assert
        Assert.Equal("timeout", e.ErrorCode);
        Assert.True(e.IsTransient);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5), "each attempt must be cut off at the call timeout");
        Assert.Equal(2, silent.Accepted);
    }

    [Fact]
    public async Task PostMessageAsync_CallerCancels_ThrowsCancelledNotSlackError()
    {
        // Arrange
        standIn.Fault = _ => new StandInFault(500);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        // Act + Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().PostMessageAsync("C1", null, Hello, cancel.Token));
    }
}
