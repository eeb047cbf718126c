using IncidentBot.Core.Execution;
using IncidentBot.Core.Runbooks;
using IncidentBot.Integrations.Checks;
using IncidentBot.Integrations.Http;
using IncidentBot.Integrations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Integrations.Tests.Http;

/// <summary>Secrets in the texts of unexpected failures and in configuration (issue 8).</summary>
public sealed class HttpExecutorSecretTests
{
    private const string Hostile = "dT0k/En+Zz9=Q&x<y>";

    [Fact]
    public async Task ExecuteAsync_HandlerThrowsWithTheRenderedUrl_RedactedExceptionWithoutInner()
    {
        // Arrange: an unexpected exception whose message holds the URL as Uri.ToString() writes it (half unescaped).
        using var harness = Harness.Create(Secret(Hostile), services => services.AddHttpClient(HttpExecutor.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new ThrowingHandler()));
        var step = TestIncidents.HttpStep("POST", "http://127.0.0.1:9/deploy/{{secret.deploy_token}}?token={{secret.deploy_token}}");

        // Act
        var thrown = await Assert.ThrowsAsync<RedactedException>(() => harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None));

        // Assert
        Assert.Null(thrown.InnerException);
        Assert.Equal("HTTP step call-deploy: InvalidOperationException: cannot send http://127.0.0.1:9/deploy/***?token=***", thrown.Message);
    }

    [Fact]
    public async Task RunAsync_CheckHandlerThrowsWithTheRenderedUrl_RedactedExceptionWithoutInner()
    {
        // Arrange
        using var harness = Harness.Create(configure: services => services.AddHttpClient(CheckHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new ThrowingHandler()));
        var context = TestIncidents.Check(new HttpCheckSpec("http://127.0.0.1:9/health?token={{secret.deploy_token}}", 200, null, null),
            extra: new Dictionary<string, string> { ["deploy_token"] = Hostile });

        // Act
        var thrown = await Assert.ThrowsAsync<RedactedException>(() => harness.HttpCheck.RunAsync(context, CancellationToken.None));

        // Assert
        Assert.Null(thrown.InnerException);
        Assert.Equal("http check recovered: InvalidOperationException: cannot send http://127.0.0.1:9/health?token=***", thrown.Message);
    }

    [Fact]
    public void AddIntegrations_SecretShorterThanFourCharacters_FailsValidation()
    {
        // Arrange
        using var harness = Harness.Create(Secret("abc"));

        // Act + Assert
        var thrown = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<Execution.ExecutorOptions>>().Value);
        Assert.Contains("at least 4 characters", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", thrown.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Secret(string value) => new() { ["Executors:Secrets:deploy_token"] = value };

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"cannot send {request.RequestUri}");
    }
}
