using IncidentBot.Core.Commands;
using IncidentBot.Host.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>Where alerts are announced is checked at start-up, surface by surface: several surfaces may be named, and
/// each chat surface needs its channel.</summary>
public sealed class SignalIntakeOptionsTests
{
    [Theory]
    [InlineData("console", null, null, null)]
    [InlineData("teams", "19:alerts@thread.tacv2", null, null)]
    [InlineData("slack", null, "C0ALERTS", null)]
    [InlineData("slack,teams", null, "C0ALERTS", "19:alerts@thread.tacv2")]
    [InlineData("console, teams", null, null, "19:alerts@thread.tacv2")]
    public void AddSignalIntake_EveryNamedSurfaceHasItsChannel_IsAccepted(string announceTo, string? conversation, string? slack, string? teams)
    {
        // Arrange
        using var services = Build(announceTo, conversation, slack, teams);

        // Act
        var options = services.GetRequiredService<IOptions<SignalOptions>>().Value;

        // Assert
        Assert.NotEmpty(options.Surfaces);
    }

    [Theory]
    [InlineData("email", null, null, null, "must be console, slack or teams")]
    [InlineData("", null, null, null, "must be console, slack or teams")]
    [InlineData("teams", null, null, null, "needs the channel")]
    [InlineData("slack,teams", "C0ALERTS", null, null, "needs the channel")]
    [InlineData("slack,teams", null, "C0ALERTS", null, "needs the channel")]
    public void AddSignalIntake_ASurfaceWithoutItsChannel_StopsTheBot(string announceTo, string? conversation, string? slack, string? teams, string expected)
    {
        // Arrange
        using var services = Build(announceTo, conversation, slack, teams);

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SignalOptions>>().Value);

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string announceTo, string? conversation, string? slack, string? teams)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Signals:AnnounceTo"] = announceTo,
            ["Signals:Conversation"] = conversation,
            ["Signals:Conversations:slack"] = slack,
            ["Signals:Conversations:teams"] = teams,
        };
        // A setting not given is absent, as in a real configuration (not present with a null value).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSignalIntake();
        return services.BuildServiceProvider();
    }
}
