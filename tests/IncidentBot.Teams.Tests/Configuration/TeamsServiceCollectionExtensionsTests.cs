using IncidentBot.Core.Outbox;
using IncidentBot.Teams.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Tests.Configuration;

public sealed class TeamsServiceCollectionExtensionsTests
{
    private const string AppId = "6b2d1c9e-8d3e-4f51-9a2b-0c1d2e3f4a5b";

    [Fact]
    public void AddTeamsSurface_NeitherIdNorPassword_RegistersNothing()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        services.AddTeamsSurface(Configuration());

        // Assert
        Assert.False(Configuration().IsTeamsConfigured());
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(INotificationSender));
    }

    [Theory]
    [InlineData(AppId, null)]
    [InlineData(null, "secret")]
    public void AddTeamsSurface_OnlyOneOfIdAndPassword_FailsValidation(string? appId, string? password)
    {
        // Arrange
        var services = new ServiceCollection().AddLogging();

        // Act
        services.AddTeamsSurface(Configuration(("Teams:AppId", appId), ("Teams:AppPassword", password)));
        using var provider = services.BuildServiceProvider();
        var error = Record.Exception(() => provider.GetRequiredService<IOptions<TeamsOptions>>().Value);

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(validation.Failures, f => f.Contains("both Teams:AppId and Teams:AppPassword", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Teams:AppId", "not-a-guid", "Teams:AppId must be")]
    [InlineData("Teams:OpenIdMetadataUrl", "http://login.example.com/metadata", "Teams:OpenIdMetadataUrl must be https")]
    [InlineData("Teams:TokenEndpoint", "http://login.example.com/token", "Teams:TokenEndpoint must be https")]
    public void AddTeamsSurface_UnsafeOrMalformedSetting_FailsValidationNamingIt(string key, string value, string message)
    {
        // Arrange
        var services = new ServiceCollection().AddLogging();

        // Act
        services.AddTeamsSurface(Configuration(("Teams:AppId", AppId), ("Teams:AppPassword", "secret"), (key, value)));
        using var provider = services.BuildServiceProvider();
        var error = Record.Exception(() => provider.GetRequiredService<IOptions<TeamsOptions>>().Value);

        // Assert
        Assert.Contains(Assert.IsType<OptionsValidationException>(error).Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AddTeamsSurface_Configured_RegistersTeamsSenderAndValidOptions()
    {
        // Arrange
        var services = new ServiceCollection().AddLogging();

        // Act
        services.AddTeamsSurface(Configuration(("Teams:AppId", AppId), ("Teams:AppPassword", "secret"), ("Teams:TenantId", "contoso-tenant")));
        using var provider = services.BuildServiceProvider();

        // Assert
        Assert.Equal("teams", Assert.Single(provider.GetServices<INotificationSender>()).Surface);
        Assert.Equal(new Uri("https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token"),
            provider.GetRequiredService<IOptions<TeamsOptions>>().Value.ResolvedTokenEndpoint);
    }

    /// <summary>Settings in order; a later one with the same key wins, as in layered configuration.</summary>
    private static IConfiguration Configuration(params (string Key, string? Value)[] settings)
    {
        var builder = new ConfigurationBuilder();
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
            builder.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        return builder.Build();
    }
}
