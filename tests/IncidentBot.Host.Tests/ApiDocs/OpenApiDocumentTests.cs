using System.Net;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Teams.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace IncidentBot.Host.Tests.ApiDocs;

/// <summary>
/// GET /openapi/v1.json from the real bot, with every optional surface that maps an /api route switched on (the console
/// in Development, Teams by its settings): every mapped /api route is in it, it reads as OpenAPI, the key is required
/// where the bot requires it, and the examples are bodies the routes accept.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
    {
        // Only to map POST /api/messages; nothing here calls Teams.
        ["Teams:AppId"] = "00000000-0000-0000-0000-000000000001",
        ["Teams:AppPassword"] = "not-a-real-password",
    });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Document_EveryMappedApiRoute_IsInPaths()
    {
        var paths = (await DocumentJsonAsync()).GetProperty("paths");

        var routes = ApiRoutes();

        Assert.Contains(routes, r => r.Path == TeamsEndpoints.Path);
        Assert.Contains(routes, r => r.Path == "/api/console/messages");
        var missing = routes.Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method.ToLowerInvariant(), out _)).ToList();
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join(", ", missing.Select(r => $"{r.Method} {r.Path}")));
    }

    [Fact]
    public async Task Document_ParsesAsOpenApi_WithInfoSummariesAndTheKeyOnEverySecuredRoute()
    {
        using var response = await bot.Http.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();

        var read = OpenApiDocument.Parse(text, "json");

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.StartsWith("3.", JsonDocument.Parse(text).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("IncidentBot API", document.Info.Title);
        Assert.False(string.IsNullOrWhiteSpace(document.Info.Version));
        var header = Assert.IsType<OpenApiSecurityScheme>(document.Components!.SecuritySchemes!["ApiKey"], exactMatch: false);
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "X-Api-Key"), (header.Type!.Value, header.In!.Value, header.Name));
        var bearer = document.Components.SecuritySchemes["ApiKeyBearer"];
        Assert.Equal((SecuritySchemeType.Http, "bearer"), (bearer.Type!.Value, bearer.Scheme));
        foreach (var (path, method) in ApiRoutes())
        {
            var operation = document.Paths[path].Operations![HttpMethod.Parse(method)];
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), where + ": no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), where + ": no description");
            var schemes = (operation.Security ?? []).SelectMany(r => r.Keys).Select(k => k.Reference.Id).ToList();
            // Teams is called by the Bot Framework with its own JWT; every other /api route is behind the API key filter.
            if (path == TeamsEndpoints.Path) Assert.Empty(schemes);
            else Assert.Equal(["ApiKey", "ApiKeyBearer"], schemes.Order());
        }
    }

    [Theory]
    [InlineData("/api/console/messages")]
    [InlineData("/api/changes")]
    [InlineData("/api/signals")]
    [InlineData("/api/signals/alertmanager")]
    public async Task Example_PostedToItsRoute_IsAccepted(string path)
    {
        var body = (await DocumentJsonAsync()).GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody");
        var json = body.GetProperty("content").GetProperty("application/json");
        Assert.True(json.TryGetProperty("schema", out _), path + ": no schema");
        var example = json.GetProperty("example");
        Assert.Equal(JsonValueKind.Object, example.ValueKind);

        using var response = await bot.Http.PostAsync(path, Json.Raw(example.GetRawText()));

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> DocumentJsonAsync()
    {
        using var response = await bot.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>Every (pattern, method) the running app maps under /api, read from its endpoint data source. A route
    /// without method metadata answers any method, which OpenAPI cannot list: it shows as ANY and is never found.</summary>
    private List<(string Path, string Method)> ApiRoutes() =>
        bot.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (e.RoutePattern.RawText!, m)))
            .Distinct().ToList();
}
