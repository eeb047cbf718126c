using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>POST /api/changes records a layer version; invalid changes are refused with a reason and store nothing.</summary>
public sealed class ChangeEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task PostChange_Valid_Is201AndListedNewestFirst()
    {
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

        using var first = await Json.PostAsync(bot.Http, "/api/changes", Change("v41", at));
        using var second = await Json.PostAsync(bot.Http, "/api/changes", Change("v42", at.AddMinutes(30)));
        using var other = await Json.PostAsync(bot.Http, "/api/changes", Change("v1", at) with { service = "billing" });
        using var list = await bot.Http.GetAsync("/api/changes?service=support-assistant");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/changes?service=support-assistant", first.Headers.Location?.OriginalString);
        Assert.Equal("v41", (await Json.ReadAsync(first)).GetProperty("version").GetString());
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var versions = (await Json.ReadAsync(list)).EnumerateArray().Select(c => c.GetProperty("version").GetString());
        Assert.Equal(["v42", "v41"], versions);
    }

    [Theory]
    [InlineData("layer", "vibes", "layer:")]
    [InlineData("version", null, "version:")]
    [InlineData("service", "no spaces allowed", "service:")]
    [InlineData("deployedBy", "", "deployedBy:")]
    public async Task PostChange_InvalidField_Is400NamingItAndStoresNothing(string field, string? value, string problem)
    {
        var body = new Dictionary<string, object?>
        {
            ["service"] = "support-assistant", ["layer"] = "prompt", ["version"] = "v42", ["deployedBy"] = "ci",
            ["deployedUtc"] = "2026-11-20T08:00:00Z", ["approved"] = true,
        };
        body[field] = value;

        using var response = await Json.PostAsync(bot.Http, "/api/changes", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Json.ReadAsync(response);
        Assert.Contains(error.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith(problem, StringComparison.Ordinal));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostChange_DeployedInTheFuture_Is400AndStoresNothing()
    {
        using var response = await Json.PostAsync(bot.Http, "/api/changes", Change("v42", DateTimeOffset.UtcNow.AddDays(3)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await Json.ReadAsync(response)).GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("deployedUtc:", StringComparison.Ordinal));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("{\"service\": \"support-assistant\", \"layer\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"service\": 42, \"layer\": \"prompt\"}")]
    [InlineData("[]")]
    public async Task PostChange_MalformedJson_Is400WithAnErrorAndStoresNothing(string json)
    {
        using var response = await bot.Http.PostAsync("/api/changes", Json.Raw(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostChange_EmptyBody_Is400WithAnError()
    {
        using var response = await bot.Http.PostAsync("/api/changes", Json.Raw(""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostChange_BodyOver64KiB_Is413AndStoresNothing()
    {
        var note = new string('x', 70 * 1024);

        using var response = await Json.PostAsync(bot.Http, "/api/changes", Change("v42", DateTimeOffset.UtcNow) with { note = note });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("64 KiB", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostChange_NotJsonContentType_Is400WithAnError()
    {
        using var response = await bot.Http.PostAsync("/api/changes", new StringContent("service=support-assistant", System.Text.Encoding.UTF8, "text/plain"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, response.StatusCode.ToString());
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
        await AssertNothingStoredAsync();
    }

    private async Task AssertNothingStoredAsync()
    {
        using var list = await bot.Http.GetAsync("/api/changes");
        Assert.Equal(0, (await Json.ReadAsync(list)).GetArrayLength());
    }

    private static ChangeBody Change(string version, DateTimeOffset at) => new("support-assistant", "prompt", version, "ci", at, true, "");

    private sealed record ChangeBody(string service, string layer, string version, string deployedBy, DateTimeOffset deployedUtc, bool approved, string note);
}
