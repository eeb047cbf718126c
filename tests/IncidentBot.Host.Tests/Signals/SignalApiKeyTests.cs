using System.Net;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>Outside Development the signal endpoints sit behind the /api key like the rest of the API.</summary>
public sealed class SignalApiKeyTests : IAsyncLifetime
{
    private const string Key = "signals-key-0123456789";
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync("Production", new Dictionary<string, string?> { ["Api:Keys:0"] = Key });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData(AlertmanagerPath)]
    [InlineData(GenericPath)]
    public async Task PostSignal_WithoutApiKey_Is401AndChangesNothing(string path)
    {
        var body = path == AlertmanagerPath ? DocsExample() : new System.Text.Json.Nodes.JsonObject { ["key"] = "k", ["status"] = "firing", ["title"] = "t" };
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, path, body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Fact]
    public async Task PostAlertmanager_WithXApiKey_DeclaresTheIncident()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AlertmanagerPath) { Content = Json.Raw(DocsExample().ToJsonString()) };
        request.Headers.Add("X-Api-Key", Key);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("declared", (await Json.ReadAsync(response)).GetProperty("outcome").GetString());
        Assert.Equal(1, (await CountAsync(bot)).Incidents);
    }
}
