using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>GET /api/readiness over real HTTP, on a real bot with its own SQLite file, probing a loopback stand-in.</summary>
public sealed class ReadinessEndpointsTests : IAsyncLifetime
{
    private readonly ReadinessFolder folder = new();
    private LoopbackTarget deploy = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        deploy = await LoopbackTarget.StartAsync((context, _) => LoopbackTarget.ReplyAsync(context, 404));
        await folder.RecordBaselineAsync();
        bot = await TestBot.StartAsync(settings: folder.Settings(deploy.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await deploy.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task GetReadiness_ReadyService_IsJsonWithSevenPointsAndNoFailure()
    {
        using var response = await bot.Http.GetAsync("/api/readiness?service=checkout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json.ReadAsync(response);
        Assert.NotEqual("fail", body.GetProperty("verdict").GetString());
        var service = Assert.Single(body.GetProperty("services").EnumerateArray());
        Assert.Equal("checkout", service.GetProperty("service").GetString());
        var points = service.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], points.Select(p => p.GetProperty("number").GetInt32()));
        Assert.Equal("pass", points[0].GetProperty("verdict").GetString());
        var evidence = points[5].GetProperty("facts").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains(evidence, f => f.StartsWith("store (sqlite ", StringComparison.Ordinal) && f.Contains(") verifies: ok:", StringComparison.Ordinal));
        Assert.Contains(evidence, f => f.StartsWith("WARN: the checkpoint signing key ", StringComparison.Ordinal) && f.Contains("sits in the same folder as the database", StringComparison.Ordinal));
        Assert.Contains(points[6].GetProperty("facts").EnumerateArray().Select(f => f.GetString()!),
            f => f.EndsWith(" answers (HTTP 404); used by checkout-rollback/rollback-prompt step deploy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetReadiness_LatestIncidentOfTheService_ProvesItsExportsRender()
    {
        var reply = await bot.SayAsync("alice", "/incident declare Refund promises sev2 service=checkout runbook=checkout-rollback");
        Assert.Equal("applied", reply.Outcome());

        using var response = await bot.Http.GetAsync("/api/readiness?service=checkout&format=text");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"exports: INC-\d+ renders as md, json, csv, html", text);
    }

    [Fact]
    public async Task GetReadiness_Markdown_IsServedAsMarkdown()
    {
        using var response = await bot.Http.GetAsync("/api/readiness?format=md");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Readiness: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReadiness_UnknownService_Is404SayingSo()
    {
        using var response = await bot.Http.GetAsync("/api/readiness?service=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No runbook or change record names the service 'nope'.", (await Json.ReadAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetReadiness_UnknownFormat_Is400()
    {
        using var response = await bot.Http.GetAsync("/api/readiness?format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("format must be json, md or text.", (await Json.ReadAsync(response)).GetProperty("error").GetString());
    }
}
