using System.Text.Json;
using IncidentBot.Integrations.Tests.Support;

namespace IncidentBot.Integrations.Tests.Http;

public sealed class HttpExecutorTemplatingTests
{
    [Fact]
    public async Task ExecuteAsync_TemplatedUrlAndJsonBody_FilledEscapedAndSent()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 202, "{\"accepted\":true}"));
        using var harness = Harness.Create();
        var incident = TestIncidents.Executing("INC-12", from: "v41 beta/1", to: "v40");
        var step = TestIncidents.HttpStep("POST", server.BaseUrl + "/incidents/{{incident.id}}/rollback?from={{from_version}}&to={{ to_version }}",
            "{\"incident\":\"{{incident.id}}\",\"from\":\"{{from_version}}\",\"to\":\"{{to_version}}\",\"note\":\"{{settings.note}}\"}");

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step, incident), CancellationToken.None);

        // Assert
        Assert.True(outcome.Succeeded, outcome.Summary);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/incidents/INC-12/rollback?from=v41%20beta%2F1&to=v40", request.PathAndQuery);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("INC-12", body.RootElement.GetProperty("incident").GetString());
        Assert.Equal("v41 beta/1", body.RootElement.GetProperty("from").GetString());
        Assert.Equal("v40", body.RootElement.GetProperty("to").GetString());
        Assert.Equal("say \"hi\"\\now", body.RootElement.GetProperty("note").GetString());
        Assert.Contains("-> 202 Accepted in ", outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_SettingHoldsBaseUrl_InsertedAsWrittenOtherValuesEscaped()
    {
        // Arrange: the shipped runbooks call {{settings.deploy_url}}/deploy; escaping the setting made it "http%3A%2F%2F…".
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "{}"));
        using var harness = Harness.Create(new Dictionary<string, string?> { ["Executors:Settings:deploy_url"] = server.BaseUrl + "/practice" });
        var incident = TestIncidents.Executing("INC-12", from: "v41", to: "v40 beta/1");
        var step = TestIncidents.HttpStep("POST", "{{settings.deploy_url}}/deploy?to={{to_version}}", "{}");

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step, incident), CancellationToken.None);

        // Assert
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal("/practice/deploy?to=v40%20beta%2F1", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ExecuteAsync_Drill_UsesDrillSettingsNeverTheProductionOnes()
    {
        // Arrange: production's deploy system and the staging one drills practise on, each a loopback stand-in.
        await using var production = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "{}"));
        await using var staging = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "{}"));
        using var harness = Harness.Create(new Dictionary<string, string?>
        {
            ["Executors:Settings:deploy_url"] = production.BaseUrl,
            ["Executors:DrillSettings:deploy_url"] = staging.BaseUrl,
        });
        var step = TestIncidents.HttpStep("POST", "{{settings.deploy_url}}/deploy", "{}");

        // Act: the same step, once for a real incident and once for a drill.
        var real = await harness.Executor.ExecuteAsync(TestIncidents.Step(step, TestIncidents.Executing("INC-1")), CancellationToken.None);
        var drill = await harness.Executor.ExecuteAsync(TestIncidents.Step(step, TestIncidents.Executing("INC-2", drill: true)), CancellationToken.None);

        // Assert
        Assert.True(real.Succeeded && drill.Succeeded, real.Summary + " / " + drill.Summary);
        Assert.Single(production.Requests);
        Assert.Equal("/deploy", Assert.Single(staging.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ExecuteAsync_SecretInHeaderAndBodyEchoedBack_RedactedFromSummary()
    {
        // Arrange: the server echoes what it got, so a careless summary would carry the secret.
        await using var server = await StandIn.StartAsync((ctx, _) =>
            StandIn.ReplyAsync(ctx, 200, $"auth={ctx.Request.Headers.Authorization}; body={StandIn.BodyOf(ctx)}", "text/plain"));
        using var harness = Harness.Create();
        var step = TestIncidents.HttpStep("POST", server.BaseUrl + "/deploys", "{\"token\":\"{{secret.deploy_token}}\"}",
            headers: new Dictionary<string, string> { ["Authorization"] = "Bearer {{secret.deploy_token}}", ["X-Team"] = "sre" });

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);

        // Assert
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal("Bearer " + Harness.Secret, server.Requests[0].Headers["Authorization"]);
        Assert.Contains(Harness.Secret, server.Requests[0].Body);
        Assert.DoesNotContain(Harness.Secret, outcome.Summary);
        Assert.Contains("auth=Bearer ***", outcome.Summary);
        Assert.DoesNotContain("X-Team", outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_SecretInUrlOfFailedStep_SummaryRecordsTheTemplate()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 500, "{}"));
        using var harness = Harness.Create();
        var step = TestIncidents.HttpStep("POST", server.BaseUrl + "/deploys?token={{secret.deploy_token}}", "{}");

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);

        // Assert
        Assert.False(outcome.Succeeded);
        Assert.Equal("/deploys?token=" + Harness.Secret, server.Requests[0].PathAndQuery);
        Assert.StartsWith($"POST {server.BaseUrl}/deploys?token={{{{secret.deploy_token}}}} -> 500", outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTemplateValue_FailsWithoutSending()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "{}"));
        using var harness = Harness.Create();
        var step = TestIncidents.HttpStep("POST", server.BaseUrl + "/deploys", "{\"to\":\"{{to_versoin}}\"}", idempotent: true);

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);

        // Assert
        Assert.False(outcome.Succeeded);
        Assert.Equal(0, server.Count);
        Assert.Equal("call-deploy: not sent: body: unknown template value 'to_versoin'.", outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_RunbookSetsItsOwnIdempotencyKey_OursIsSent()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, "{}"));
        using var harness = Harness.Create();
        var step = TestIncidents.HttpStep("DELETE", server.BaseUrl + "/flags/{{incident.id}}",
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = "fixed" });

        // Act
        var outcome = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);

        // Assert
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Matches("^[0-9a-f]{64}$", server.Requests[0].Headers["Idempotency-Key"]);
    }
}
