using System.Net;
using System.Net.Http.Headers;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>Outside Development, /api needs a configured key in X-Api-Key or Authorization: Bearer.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "test-key-0123456789";
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync("Production", new Dictionary<string, string?> { ["Api:Keys:0"] = Key });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData(null, null)]
    [InlineData("X-Api-Key", "wrong-key")]
    [InlineData("X-Api-Key", "")]
    [InlineData("Authorization", "Bearer wrong-key")]
    [InlineData("Authorization", "Basic " + Key)]
    public async Task Get_WithoutTheRightKey_Is401(string? header, string? value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runbooks");
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("API key", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ReadinessWithoutKey_Is401()
    {
        using var response = await bot.Http.GetAsync("/api/readiness");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithXApiKey_Is200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runbooks");
        request.Headers.Add("X-Api-Key", Key);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithBearerToken_Is200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_ChangeWithoutKey_Is401AndStoresNothing()
    {
        using var response = await Json.PostAsync(bot.Http, "/api/changes", new { service = "checkout", layer = "release", version = "v1", deployedBy = "ci", deployedUtc = DateTimeOffset.UtcNow });
        using var check = new HttpRequestMessage(HttpMethod.Get, "/api/changes");
        check.Headers.Add("X-Api-Key", Key);
        using var list = await bot.Http.SendAsync(check);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, (await Json.ReadAsync(list)).GetArrayLength());
    }

    [Fact]
    public async Task Healthz_WithoutKey_Is200()
    {
        using var response = await bot.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Console_OutsideDevelopmentByDefault_Is404()
    {
        using var response = await bot.Http.GetAsync("/api/console/people");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
