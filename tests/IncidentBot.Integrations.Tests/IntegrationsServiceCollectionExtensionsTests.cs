using IncidentBot.Core.Execution;
using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Execution;
using IncidentBot.Integrations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Integrations.Tests;

public sealed class IntegrationsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddIntegrations_Configured_RegistersExecutorAndChecksByKind()
    {
        // Arrange
        using var harness = Harness.Create();

        // Act
        var executors = harness.Services.GetServices<IExecutor>().Select(e => e.Kind).ToList();
        var checks = harness.Services.GetServices<ICheck>().Select(c => c.Kind).Order().ToList();
        var options = harness.Services.GetRequiredService<IOptions<ExecutorOptions>>().Value;

        // Assert
        Assert.Equal(["http"], executors);
        Assert.Equal(["http", "prometheus"], checks);
        Assert.Equal(Harness.Secret, options.Secrets["deploy_token"]);
        Assert.Equal(3, options.Http.BreakerMinimumThroughput);
    }

    [Fact]
    public void AddIntegrations_BreakerThresholdBelowTwo_FailsValidation()
    {
        // Arrange
        using var harness = Harness.Create(new Dictionary<string, string?> { ["Executors:Http:BreakerMinimumThroughput"] = "1" });

        // Act + Assert
        Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<ExecutorOptions>>().Value);
    }
}
