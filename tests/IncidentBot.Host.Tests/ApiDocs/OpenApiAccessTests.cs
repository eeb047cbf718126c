using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.ApiDocs;

/// <summary>Outside Development the document is served without a key, and the routes it describes still want one.</summary>
public sealed class OpenApiAccessTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync("Production", new Dictionary<string, string?> { ["Api:Keys:0"] = "test-key-0123456789" });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task GetDocument_InProductionWithoutKey_Is200AndTheApiStill401()
    {
        using var document = await bot.Http.GetAsync("/openapi/v1.json");
        using var api = await bot.Http.GetAsync("/api/runbooks");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        Assert.True((await Json.ReadAsync(document)).GetProperty("paths").TryGetProperty("/api/runbooks", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
