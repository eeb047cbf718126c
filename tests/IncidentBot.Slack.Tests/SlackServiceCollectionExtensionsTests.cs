using System.Net;
using IncidentBot.Host.Composition;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Endpoints;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.Tests.Support;
using IncidentBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Tests;

public sealed class SlackServiceCollectionExtensionsTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        return services.AddSlackSurface(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddSlackSurface_NotConfigured_RegistersOnlyTheVerifierAndRenderer()
    {
        using var provider = Provider([]);

        Assert.NotNull(provider.GetService<SlackSignatureVerifier>());
        Assert.NotNull(provider.GetService<BlockKitRenderer>());
        Assert.Null(provider.GetService<SlackInbound>());
        Assert.Null(provider.GetService<EphemeralReplies>());
        Assert.False(provider.GetRequiredService<IOptions<SlackOptions>>().Value.IsConfigured);
    }

    [Fact]
    public void AddSlackSurface_Configured_BindsTheOptions()
    {
        using var provider = Provider(new() { ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-1", ["Slack:SignatureWindow"] = "00:02:00" });

        var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.True(options.IsConfigured);
        Assert.Equal(TimeSpan.FromMinutes(2), options.SignatureWindow);
        Assert.NotNull(provider.GetService<EphemeralReplies>());
    }

    [Fact]
    public void AddSlackSurface_OnlyOneSecret_FailsValidation()
    {
        using var provider = Provider(new() { ["Slack:SigningSecret"] = "s" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains("Slack:BotToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_WithoutSlackSettings_MapsNoSlackRoutesAndSaysSoOnce()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("incidentbot-noslack-");
        var logs = new CapturedLogs();
        var (app, problems) = BotApp.Build(["--environment", "Development"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DatabasePath"] = Path.Combine(directory.FullName, "bot.db"),
                ["Runbooks:Directory"] = Path.Combine(RepositoryRoot.Path, "runbooks"),
                ["Demo:SeedChanges"] = "false",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        Assert.True(app is not null, string.Join('\n', problems));
        await using var _ = app;
        await BotApp.StartAsync(app);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        // Act
        using var response = await http.PostAsync("/slack/commands", new StringContent("user_id=U1&channel_id=C1&text=help"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(logs.Lines, l => l.EventId.Id == 1005);
        Assert.Equal("Slack is not configured (set Slack__SigningSecret and Slack__BotToken): console only", line.Message);
    }
}
