using IncidentBot.Core.Execution;
using IncidentBot.Integrations.Http;
using IncidentBot.Integrations.Tests.Support;
using IncidentBot.TestSupport.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace IncidentBot.Integrations.Tests.Http;

/// <summary>
/// The host pipeline lives in the named client's handler chain, one instance per authority: these pin down what that
/// wiring adds (the breaker shared by every step and caller of a host, separate per host, and the attempt timeout
/// handed over from the step).
/// </summary>
public sealed class HttpExecutorHostPipelineTests
{
    [Fact]
    public async Task ExecuteAsync_DifferentStepsCallOneFailingHost_TheyShareTheHostsBreaker()
    {
        // Arrange: the harness opens a host's breaker after 3 failed requests; two different steps fail against it.
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 503, "{}"));
        using var harness = Harness.Create();
        var deploy = TestIncidents.HttpStep("POST", server.BaseUrl + "/deploys", "{}");
        var flag = TestIncidents.HttpStep("PUT", server.BaseUrl + "/flags/checkout", "{\"on\":false}", id: "flag-off");
        await harness.Executor.ExecuteAsync(TestIncidents.Step(deploy), CancellationToken.None);
        await harness.Executor.ExecuteAsync(TestIncidents.Step(flag), CancellationToken.None);
        await harness.Executor.ExecuteAsync(TestIncidents.Step(deploy), CancellationToken.None);

        // Act
        var rejected = await harness.Executor.ExecuteAsync(TestIncidents.Step(flag), CancellationToken.None);

        // Assert
        Assert.Equal(3, server.Count);
        Assert.StartsWith($"PUT {server.BaseUrl}/flags/checkout -> circuit open for host {server.BaseUrl} after repeated transient failures; not sent", rejected.Summary);
        Assert.Contains("attempts 0", rejected.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_FailuresSpreadOverTwoHosts_EachHostCountsOnlyItsOwn()
    {
        // Arrange: 2 failures at each of two hosts: 4 in all, but below the threshold of 3 at either host.
        await using var first = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 503, "{}"));
        await using var second = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 503, "{}"));
        using var harness = Harness.Create();
        var atFirst = TestIncidents.HttpStep("POST", first.BaseUrl + "/deploys", "{}");
        var atSecond = TestIncidents.HttpStep("POST", second.BaseUrl + "/deploys", "{}");
        for (var i = 0; i < 2; i++)
        {
            await harness.Executor.ExecuteAsync(TestIncidents.Step(atFirst), CancellationToken.None);
            await harness.Executor.ExecuteAsync(TestIncidents.Step(atSecond), CancellationToken.None);
        }

        // Act: the third request to each host is still sent (and opens that host's breaker only).
        var third = await harness.Executor.ExecuteAsync(TestIncidents.Step(atFirst), CancellationToken.None);
        var fourth = await harness.Executor.ExecuteAsync(TestIncidents.Step(atFirst), CancellationToken.None);
        var otherThird = await harness.Executor.ExecuteAsync(TestIncidents.Step(atSecond), CancellationToken.None);

        // Assert
        Assert.Contains("-> 503 Service Unavailable", third.Summary);
        Assert.Contains($"circuit open for host {first.BaseUrl}", fourth.Summary);
        Assert.Contains("-> 503 Service Unavailable", otherThird.Summary);
        Assert.Equal(3, first.Count);
        Assert.Equal(3, second.Count);
    }

    [Fact]
    public async Task NamedClient_AfterStepsOpenedTheHostsBreaker_RejectsAnyRequestToThatHostOnly()
    {
        // Arrange: steps open the breaker of one host; the executor's named client is then used directly.
        await using var failing = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 503, "{}"));
        await using var healthy = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "{}"));
        using var harness = Harness.Create();
        var step = TestIncidents.HttpStep("POST", failing.BaseUrl + "/deploys", "{}");
        for (var i = 0; i < 3; i++) await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);
        var client = harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpExecutor.ClientName);

        // Act
        var rejected = await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(new Uri(failing.BaseUrl + "/status")));
        using var elsewhere = await client.GetAsync(new Uri(healthy.BaseUrl + "/status"));

        // Assert
        Assert.NotNull(rejected);
        Assert.Equal(3, failing.Count);
        Assert.Equal(System.Net.HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(1, healthy.Count);
    }

    [Fact]
    public async Task ExecuteAsync_AttemptOutlastsExecutorsAttemptTimeout_HandlerCutsItAndTheStepRetries()
    {
        // Arrange: the first request hangs; Executors:Http:AttemptTimeout (300 ms) reaches the handler through the
        // step's resilience context, so the idempotent step retries well within its own 5 s.
        await using var server = await StandIn.StartAsync(async (ctx, n) =>
        {
            if (n == 1) await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
            await StandIn.ReplyAsync(ctx, 200, "{}");
        });
        using var harness = Harness.Create(new Dictionary<string, string?> { ["Executors:Http:AttemptTimeout"] = "00:00:00.300" });
        var step = TestIncidents.HttpStep("PUT", server.BaseUrl + "/flags/checkout", "{}", idempotent: true);

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);

        // Assert
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Contains("-> 200 OK in ", outcome.Summary);
        Assert.Contains("attempts 2", outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_FailuresInsideTheHostPipeline_NoLogLineHoldsTheSecret()
    {
        // Arrange: the secret in path and query; one host fails until its breaker opens, another throws with the URL.
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 503, "{}"));
        var logs = new CapturedLogs();
        using var harness = Harness.Create(configure: services =>
        {
            services.AddLogging(logs.AddTo);
            services.AddHttpClient(HttpExecutor.ClientName).ConfigurePrimaryHttpMessageHandler(() => new UrlThrowingHandler(server.BaseUrl));
        });
        var failing = TestIncidents.HttpStep("POST", server.BaseUrl + "/deploy/{{secret.deploy_token}}?token={{secret.deploy_token}}", "{}");
        var throwing = TestIncidents.HttpStep("POST", "http://127.0.0.1:9/deploy/{{secret.deploy_token}}?token={{secret.deploy_token}}", "{}");

        // Act
        for (var i = 0; i < 4; i++) await harness.Executor.ExecuteAsync(TestIncidents.Step(failing), CancellationToken.None);
        await Assert.ThrowsAsync<RedactedException>(() => harness.Executor.ExecuteAsync(TestIncidents.Step(throwing), CancellationToken.None));

        // Assert: the breaker opened and said so, in our words, and no line of any category holds the secret.
        Assert.Contains(logs.Lines, l => l.EventId.Id == 4004 && l.Level == LogLevel.Warning && l.Text.Contains(server.BaseUrl, StringComparison.Ordinal));
        Assert.Equal(3, server.Count);
        Assert.DoesNotContain(Harness.Secret, logs.AllText, StringComparison.Ordinal);
    }

    /// <summary>Sends to the stand-in as usual; anywhere else, fails with the request's URL in the message.</summary>
    private sealed class UrlThrowingHandler(string standIn) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.ToString().StartsWith(standIn, StringComparison.Ordinal)
                ? base.SendAsync(request, cancellationToken)
                : throw new InvalidOperationException($"cannot send {request.RequestUri}");
    }
}
