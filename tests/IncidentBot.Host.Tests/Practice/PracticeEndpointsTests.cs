using System.Net;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Practice.PracticeClient;

namespace IncidentBot.Host.Tests.Practice;

/// <summary>/practice in Development: the fake governed AI service the bot practises on.</summary>
public sealed class PracticeEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync("Development", new Dictionary<string, string?> { ["Practice:Enabled"] = "true" });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Health_WithNoChangeHistory_IsOkOnTheGoodPrompt()
    {
        var health = await HealthAsync(bot);

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("prompt-v41", health.GetProperty("prompt").GetString());
        Assert.Equal("kb-index-2026-11-01", health.GetProperty("retrieval").GetString());
    }

    [Fact]
    public async Task SimulatePromptChange_DeploysTheBadPrompt_HealthDegradedAndChangeRecorded()
    {
        using var response = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);
        var health = await HealthAsync(bot);
        using var changes = await bot.Http.GetAsync("/api/changes?service=support-assistant");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("prompt-v42", health.GetProperty("prompt").GetString());
        var latest = (await Json.ReadAsync(changes))[0];
        Assert.Equal("prompt", latest.GetProperty("layer").GetString());
        Assert.Equal("prompt-v42", latest.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Deploy_PromptV41AfterTheBadChange_HealthOkAgain()
    {
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);

        using var response = await DeployAsync(bot, "prompt", "prompt-v41");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deploy = await Json.ReadAsync(response);
        Assert.Equal("prompt-v42", deploy.GetProperty("previous").GetString());
        Assert.True(deploy.GetProperty("changed").GetBoolean());
        Assert.Equal("ok", (await HealthAsync(bot)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deploy_AfterTheBadChange_RecordsTheDeployInTheChangeLogOnce()
    {
        // Arrange
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);

        // Act: the deploy, then the same deploy again (a retry): the second finds the log already agreeing.
        using var first = await DeployAsync(bot, "prompt", "prompt-v41");
        using var again = await DeployAsync(bot, "prompt", "prompt-v41");

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var changes = (await ChangesAsync(bot)).EnumerateArray().ToList();
        Assert.Equal(["prompt-v41", "prompt-v42"], changes.Where(c => c.GetProperty("layer").GetString() == "prompt").Select(c => c.GetProperty("version").GetString()));
        Assert.Equal("practice", changes[0].GetProperty("deployedBy").GetString());
        Assert.Equal((await HealthAsync(bot)).GetProperty("prompt").GetString(), changes[0].GetProperty("version").GetString());
    }

    [Fact]
    public async Task Deploy_ForAnIncident_RecordedAsTheBotsRollback()
    {
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);

        using var response = await DeployAsync(bot, "prompt", "prompt-v41", incident: "INC-3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var latest = (await ChangesAsync(bot))[0];
        Assert.Equal(("prompt-v41", "incidentbot (INC-3)"), (latest.GetProperty("version").GetString(), latest.GetProperty("deployedBy").GetString()));
    }

    [Fact]
    public async Task Deploy_IncidentNotAnIncidentId_Is400AndChangesNothing()
    {
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);

        using var response = await DeployAsync(bot, "prompt", "prompt-v41", incident: "drop table");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("prompt-v42", (await HealthAsync(bot)).GetProperty("prompt").GetString());
        Assert.Equal("prompt-v42", (await ChangesAsync(bot))[0].GetProperty("version").GetString());
    }

    [Fact]
    public async Task Controls_ForceHumanReviewOnRefunds_CoversTheBadPrompt()
    {
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);

        using var on = await Json.PostAsync(bot.Http, "/practice/controls", new { control = "force_human_review", path = "refunds", enabled = true });
        var covered = await HealthAsync(bot);
        using var off = await Json.PostAsync(bot.Http, "/practice/controls", new { control = "force_human_review", path = "refunds", enabled = false });
        var uncovered = await HealthAsync(bot);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (on.StatusCode, off.StatusCode));
        Assert.StartsWith("{\"control\":\"force_human_review\",\"path\":\"refunds\",\"enabled\":false,", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ok", covered.GetProperty("status").GetString());
        Assert.Equal(["refunds"], covered.GetProperty("controls").GetProperty("force_human_review").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("degraded", uncovered.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Query_BadAnswerRatio_HighWhileBadPromptLiveLowAfterRollback()
    {
        var before = await MetricAsync(bot);
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);
        var during = await MetricAsync(bot);
        using var rollback = await DeployAsync(bot, "prompt", "prompt-v41");
        var after = await MetricAsync(bot);

        Assert.Equal(0.02, before);
        Assert.Equal(0.31, during);
        Assert.Equal(0.02, after);
    }

    [Fact]
    public async Task Query_Metric_AnswersInPrometheusInstantQueryFormat()
    {
        var body = await QueryAsync(bot, MetricQuery);

        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("vector", body.GetProperty("data").GetProperty("resultType").GetString());
        var sample = body.GetProperty("data").GetProperty("result")[0];
        Assert.Equal("assistant_bad_answer_ratio", sample.GetProperty("metric").GetProperty("__name__").GetString());
        Assert.Equal("support-assistant", sample.GetProperty("metric").GetProperty("service").GetString());
        Assert.True(sample.GetProperty("value")[0].GetDouble() > 1_700_000_000);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("assistant_bad_answer_ratio{service=\"checkout-api\"}")]
    public async Task Query_AnyOtherQuery_IsAnEmptyVector(string query)
    {
        var body = await QueryAsync(bot, query);

        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("data").GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task Deploy_SameIdempotencyKey_ReplaysTheFirstAnswerAndRefusesADifferentRequest()
    {
        using var simulate = await bot.Http.PostAsync("/practice/simulate/prompt-change", null);

        using var first = await DeployAsync(bot, "prompt", "prompt-v41", "rollback-INC-1-1");
        using var retry = await DeployAsync(bot, "prompt", "prompt-v41", "rollback-INC-1-1");
        using var reused = await DeployAsync(bot, "prompt", "prompt-v42", "rollback-INC-1-1");

        Assert.True((await Json.ReadAsync(first)).GetProperty("changed").GetBoolean());
        Assert.True((await Json.ReadAsync(retry)).GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("prompt-v41", (await HealthAsync(bot)).GetProperty("prompt").GetString());
    }

    [Theory]
    [InlineData("prompt", "prompt-v99", "version \"prompt-v99\" is not a known prompt version")]
    [InlineData("workflow", "wf-1", "layer \"workflow\" is not a layer")]
    [InlineData("model", "gpt-x", "version \"gpt-x\" is not a known model version")]
    public async Task Deploy_UnknownLayerOrVersion_Is400AndChangesNothing(string layer, string version, string expected)
    {
        using var response = await DeployAsync(bot, layer, version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("prompt-v41", (await HealthAsync(bot)).GetProperty("prompt").GetString());
    }

    [Theory]
    [InlineData("model", "model-2026-12")]
    [InlineData("routing", "routing-v8")]
    [InlineData("memory", "memory-v4")]
    [InlineData("tool-permissions", "tools-v13")]
    [InlineData("output-schema", "schema-v6")]
    public async Task SimulateLayerChange_DeploysThatLayersBadVersion_MetricUpAndOnlyItRecorded(string layer, string bad)
    {
        using var response = await bot.Http.PostAsync($"/practice/simulate/{layer}-change", null);
        var health = await HealthAsync(bot);
        using var changes = await bot.Http.GetAsync("/api/changes?service=support-assistant");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(bad, health.GetProperty("layers").GetProperty(layer).GetString());
        Assert.Equal("prompt-v41", health.GetProperty("layers").GetProperty("prompt").GetString());
        Assert.Equal(0.31, await MetricAsync(bot));
        var recorded = Assert.Single((await Json.ReadAsync(changes)).EnumerateArray());
        Assert.Equal((layer, bad), (recorded.GetProperty("layer").GetString(), recorded.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task SimulateEmbeddingsChange_RebuildsTheIndexWithThem_BothRecorded()
    {
        using var response = await bot.Http.PostAsync("/practice/simulate/embeddings-change", null);
        var layers = (await HealthAsync(bot)).GetProperty("layers");
        using var changes = await bot.Http.GetAsync("/api/changes?service=support-assistant");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("emb-v3", "kb-index-2026-12-01-emb-v3"), (layers.GetProperty("embeddings").GetString(), layers.GetProperty("retrieval").GetString()));
        Assert.Equal(["embeddings", "retrieval"], (await Json.ReadAsync(changes)).EnumerateArray().Select(c => c.GetProperty("layer").GetString()).Order());
    }

    [Theory]
    [InlineData("workflow-change")]
    [InlineData("prompt")]
    [InlineData("everything-change")]
    public async Task Simulate_UnknownChange_Is404NamingTheSimulationsAndChangesNothing(string change)
    {
        using var response = await bot.Http.PostAsync($"/practice/simulate/{change}", null);
        using var changes = await bot.Http.GetAsync("/api/changes?service=support-assistant");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("tool-permissions-change", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", (await HealthAsync(bot)).GetProperty("status").GetString());
        Assert.Equal(0, (await Json.ReadAsync(changes)).GetArrayLength());
    }
}
