using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Delivery;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Slack.Tests;

public sealed class SlackDeliveryExtensionsTests
{
    [Fact]
    public void AddSlackDelivery_WithoutSecrets_RegistersNothing()
    {
        // Arrange
        var services = new ServiceCollection();
        var onlyToken = Configuration(("Slack:BotToken", "xoxb-1"));

        // Act
        services.AddSlackDelivery(onlyToken);

        // Assert
        Assert.Empty(services);
    }

    [Fact]
    public void AddSlackDelivery_WithBothSecrets_RegistersClientAndWorker()
    {
        // Arrange
        var services = new ServiceCollection();
        var configured = Configuration(("Slack:BotToken", "xoxb-1"), ("Slack:SigningSecret", "s"));

        // Act
        services.AddLogging().AddSlackDelivery(configured);

        // Assert
        using var provider = services.BuildServiceProvider();
        Assert.IsType<SlackApiClient>(provider.GetRequiredService<ISlackApi>());
        Assert.NotNull(provider.GetRequiredService<BlockKitRenderer>());
        Assert.Equal(Core.Evidence.Surfaces.Slack, Assert.Single(provider.GetServices<Core.Outbox.INotificationSender>()).Surface);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
