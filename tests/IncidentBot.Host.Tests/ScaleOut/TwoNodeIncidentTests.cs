using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using IncidentBot.TestSupport.Postgres;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Xunit.Sdk;

namespace IncidentBot.Host.Tests.ScaleOut;

/// <summary>
/// Two real bot processes on one PostgreSQL database, Slack commands sent to each in turn: a whole incident
/// (declare, triage, choose, a reminder timer, approval, an http deploy step, verification checks) ends recovered,
/// and every deploy call, timer, check and Slack message happened exactly once, counted at the loopback stand-ins.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TwoNodeIncidentTests
{
    private const string Secret = "two-node-signing-secret";
    private const string Channel = "C0NODES";
    private static readonly TimeSpan WholeTest = TimeSpan.FromMinutes(3);

    private const string Runbook = """
        id: two-node
        title: Deploy the good version and watch the error rate
        version: "1"
        applies_to:
          services: [target-api]
        triage:
          - What changed?
        containment:
          - id: redeploy
            title: Redeploy the good version
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: deploy
                kind: http
                title: Redeploy
                timeout_seconds: 20
                http: {method: POST, url: "{{settings.target}}/deploy", headers: {X-Control-Enabled: "{{control.enabled}}"}, body: "{\"incident\":\"{{incident.id}}\"}"}
            checks:
              - id: error-rate
                kind: prometheus
                title: Error rate below 5 %
                interval_seconds: 1
                window_seconds: 60
                consecutive_passes: 2
                prometheus: {base_url: "{{settings.target}}", query: error_rate, comparison: "<", threshold: 0.05}
            fallback: Redeploy by hand.
        review:
          questions:
            - Why was it needed?
        """;

    private int triggers;

    [Fact]
    public async Task WholeIncident_CommandsAlternateBetweenTwoNodes_EveryStepTimerCheckAndMessageHappensOnce()
    {
        using var bounded = new CancellationTokenSource(WholeTest);
        await using var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync(bounded.Token);
        using var runbooks = new TargetRunbooks();
        await File.WriteAllTextAsync(Path.Combine(runbooks.Directory, "two-node.yaml"), Runbook, bounded.Token);
        var shared = Directory.CreateTempSubdirectory("incidentbot-nodes-").FullName;
        var keyPath = Path.Combine(shared, "evidence-signing.key");
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => ctx.Request.Path.Value == "/deploy"
            ? LoopbackTarget.ReplyAsync(ctx, 200)
            : LoopbackTarget.PrometheusAsync(ctx, 0.01));
        var posted = new ConcurrentQueue<(string Method, JsonObject Body)>();
        var nextTs = 1_700_000_000_000100L;
        await using var slack = await LoopbackTarget.StartAsync(async (ctx, _) =>
        {
            var body = JsonNode.Parse(await new StreamReader(ctx.Request.Body).ReadToEndAsync(ctx.RequestAborted)) as JsonObject ?? [];
            posted.Enqueue((ctx.Request.Path.Value!["/api/".Length..], body));
            var ts = (Interlocked.Increment(ref nextTs) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture);
            await LoopbackTarget.ReplyAsync(ctx, 200, new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = body["ts"]?.DeepClone() ?? ts }.ToJsonString());
        });
        var environment = Environment(database, runbooks, keyPath, target, slack);
        // The first node creates the signing key; the second must find the same one.
        await using var nodeA = await BotProcess.StartNewAsync(environment, bounded.Token);
        await using var nodeB = await BotProcess.StartNewAsync(environment, bounded.Token);
        BotProcess[] nodes = [nodeA, nodeB];
        var turn = 0;
        BotProcess Next() => nodes[turn++ % 2];
        string Output() => $"--- node A ---\n{nodeA.Output}\n--- node B ---\n{nodeB.Output}";
        try
        {
            // Act: every command goes to the other node than the one before.
            await SlashAsync(Next(), "U0ALICE", "declare Checkout errors sev2 service=target-api runbook=two-node");
            var id = await IncidentIdAsync(nodeA, "Checkout errors");
            await SlashAsync(Next(), "U0ALICE", $"triage {id} sev2 workflow");
            await SlashAsync(Next(), "U0ALICE", $"contain {id} redeploy");
            await IncidentApi.WaitForAsync(Next().Http, id, i => i.Events("ApprovalReminderSent").Count > 0, "reminded", Output);
            await SlashAsync(Next(), "U0BOB", $"approve {id}");
            var recovered = await IncidentApi.WaitForStateAsync(Next().Http, id, "recovered", Output);
            await WaitUntilAsync(async () => await PendingNotificationsAsync(database) == 0, "every Slack notification delivered", bounded.Token);
            var seenFromOther = await IncidentApi.GetAsync(Next().Http, id);

            // Assert: the incident ended recovered, the same on both nodes...
            Assert.Equal("recovered", seenFromOther.State());
            Assert.Equal(recovered.GetProperty("timeline").GetArrayLength(), seenFromOther.GetProperty("timeline").GetArrayLength());
            Assert.Single(recovered.Events("ApprovalGranted"));
            Assert.Single(recovered.Events("ExecutionSucceeded"));
            Assert.Single(recovered.Events("VerificationPassed"));
            // ...one reminder, one deploy call, one check call per poll (two passes in a row, then done)...
            Assert.Single(recovered.Events("ApprovalReminderSent"));
            Assert.Equal(1, target.CountOf("/deploy"));
            var polls = recovered.Events("CheckPolled");
            Assert.Equal(2, polls.Count);
            Assert.Equal(polls.Count, target.CountOf("/api/v1/query"));
            // ...one root message, and no Slack message posted twice...
            var messages = posted.Where(p => p.Method == "chat.postMessage").ToList();
            Assert.Single(messages, m => m.Body["channel"]?.GetValue<string>() == Channel && m.Body["thread_ts"] is null);
            var twice = messages.GroupBy(m => m.Body.ToJsonString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, "posted more than once:\n" + string.Join('\n', twice));
            Assert.True(messages.Count >= 5, $"only {messages.Count} messages reached Slack");
            // ...and the evidence verifies with the shared key.
            await VerifyEvidenceAsync(database, keyPath, bounded.Token);
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n{Output()}", ex);
        }
        finally
        {
            await nodeA.StopAsync();
            await nodeB.StopAsync();
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(shared, recursive: true);
        }
    }

    private static Dictionary<string, string> Environment(PostgresTestDatabase database, TargetRunbooks runbooks, string keyPath,
        LoopbackTarget target, LoopbackTarget slack) => new()
    {
        ["Storage__Provider"] = "postgres",
        ["Storage__ConnectionString"] = database.ConnectionString,
        ["Evidence__SigningKeyPath"] = keyPath,
        ["Runbooks__Directory"] = runbooks.Directory,
        ["Executors__Settings__target"] = target.BaseUrl,
        ["Outbox__PollInterval"] = "00:00:00.100",
        ["Engine__ApprovalReminderAfter"] = "00:00:02",
        ["Slack__SigningSecret"] = Secret,
        ["Slack__BotToken"] = "xoxb-test",
        ["Slack__ApiBaseUrl"] = slack.BaseUrl + "/api/",
        ["Slack__Pacing__MessagesPerSecond"] = "100",
        ["Slack__Pacing__UpdatesPerSecond"] = "100",
        ["Slack__Delivery__PollInterval"] = "00:00:00.100",
        ["Slack__Delivery__Lease"] = "00:00:03",
        ["Governance__People__0__Identities__slack"] = "U0ALICE",
        ["Governance__People__1__Identities__slack"] = "U0BOB",
    };

    /// <summary>Sends <c>/incident {text}</c> as <paramref name="user"/> in <see cref="Channel"/>, signed like Slack.</summary>
    private async Task SlashAsync(BotProcess node, string user, string text)
    {
        var form = $"team_id=T0001&channel_id={Channel}&channel_name=incidents&user_id={user}&user_name=someone&command=%2Fincident" +
                   $"&text={Uri.EscapeDataString(text)}&trigger_id=nodes.{Interlocked.Increment(ref triggers)}&api_app_id=A123456";
        var body = Encoding.UTF8.GetBytes(form);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        using var response = await node.Http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/incident {text}: {(int)response.StatusCode} {answer}");
    }

    private static async Task<string> IncidentIdAsync(BotProcess node, string title)
    {
        var incidents = await node.Http.GetFromJsonAsync<JsonElement>("api/incidents");
        return incidents.EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;
    }

    private static async Task<long> PendingNotificationsAsync(PostgresTestDatabase database)
    {
        await using var connection = await database.OpenAdminConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox WHERE kind = 'notify' AND done_utc IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + IncidentApi.Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {IncidentApi.Patience.TotalSeconds:0} s");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The built CLI, <c>evidence verify --provider postgres --key</c>, with the connection string in its environment.</summary>
    private static async Task VerifyEvidenceAsync(PostgresTestDatabase database, string keyPath, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "incidentbot.dll"), "evidence", "verify", "--provider", "postgres", "--key", keyPath })
            info.ArgumentList.Add(a);
        info.Environment["Storage__ConnectionString"] = database.ConnectionString;
        using var verify = Process.Start(info)!;
        var output = verify.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = verify.StandardError.ReadToEndAsync(cancellationToken);
        await verify.WaitForExitAsync(cancellationToken);
        Assert.True(verify.ExitCode == 0, $"evidence verify exited {verify.ExitCode}: {await output}{await error}");
        Assert.StartsWith("ok:", await output, StringComparison.Ordinal);
    }
}
