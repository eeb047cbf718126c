using IncidentBot.TestSupport;
using System.Text;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport.Logging;
using IncidentBot.TestSupport.Secrets;

namespace IncidentBot.Host.Tests.Execution;

/// <summary>
/// Issue 8: a secret from <c>Executors:Secrets</c> used in a URL query, a path segment, headers and a JSON body of a
/// real bot's http steps and checks, against a target that echoes it back in many forms, through a passing step, a 500,
/// a refused connection, a failing http check and a passing prometheus check. No form of it (<see cref="SecretForms"/>)
/// may appear anywhere a person or an export can see: the raw SQLite file, the incident API, the md/json/csv timeline
/// exports, the cards and the room's feed, and every log line of every category and level.
/// </summary>
public sealed class SecretRedactionExecutionTests
{
    public static TheoryData<string> HostileSecrets() => new(SecretForms.Hostile);

    [Theory]
    [MemberData(nameof(HostileSecrets))]
    public async Task Execute_HostileSecretInUrlPathHeadersAndBody_ArrivesIntactAndNoFormIsSeenAnywhere(string secret)
    {
        // Arrange
        var standIn = new SecretTarget(secret);
        await using var target = await LoopbackTarget.StartAsync(standIn.AnswerAsync);
        using var runbooks = new TargetRunbooks();
        File.WriteAllText(Path.Combine(runbooks.Directory, SecretTarget.RunbookId + ".yaml"), SecretTarget.Yaml);
        var logs = new CapturedLogs();
        using var dead = new RefusingPort();
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = target.BaseUrl,
            ["Executors:Settings:dead"] = dead.BaseUrl,
            ["Executors:Secrets:deploy_token"] = secret,
        }, logs: logs);

        // Act
        var passed = await ApprovedAsync(bot.Http, "pass");
        var failed = await ApprovedAsync(bot.Http, "fail");
        var refused = await ApprovedAsync(bot.Http, "refused");
        var afterChecks = await IncidentApi.WaitForAsync(bot.Http, passed, i => i.Events("VerificationFailed").Count == 1, "verification failed");
        var after500 = await IncidentApi.WaitForStateAsync(bot.Http, failed, "executionFailed");
        var afterRefused = await IncidentApi.WaitForStateAsync(bot.Http, refused, "executionFailed");
        var seen = await EverythingSeenAsync(bot, [passed, failed, refused]);

        // Assert: the target got the secret intact, everywhere it was put.
        var requests = standIn.Requests;
        var deploy = Assert.Single(requests, r => r.Route == "deploy");
        Assert.Equal(new SecretTarget.Received("deploy", secret, secret, "Bearer " + secret, secret, secret), deploy);
        Assert.Equal(new SecretTarget.Received("fail", secret, secret, "Bearer " + secret, null, secret), Assert.Single(requests, r => r.Route == "fail"));
        Assert.Contains(requests, r => r.Route == "health" && r.PathSecret == secret && r.QueryToken == secret);
        Assert.Contains(requests, r => r.Route == "prom" && r.PathSecret == secret);
        // … the steps and checks really ran and failed where they should …
        Assert.Contains("{{secret.deploy_token}}", Assert.Single(afterChecks.Events("StepCompleted")).Summary(), StringComparison.Ordinal);
        Assert.Contains("-> 200 OK", afterChecks.Events("StepCompleted")[0].Summary(), StringComparison.Ordinal);
        Assert.Contains(afterChecks.Events("CheckPolled"), e => e.Summary().Contains("pass", StringComparison.Ordinal));
        Assert.Contains("-> 500", Assert.Single(after500.Events("ExecutionFailed")).Summary(), StringComparison.Ordinal);
        Assert.Contains("connection failed", Assert.Single(afterRefused.Events("ExecutionFailed")).Summary(), StringComparison.Ordinal);
        // … and no form of it is anywhere a person or an export can see.
        Assert.Empty(SecretForms.FoundIn(seen, [secret]));
        Assert.Empty(SecretForms.FoundIn(ReadDatabaseFiles(bot.DatabasePath), [secret]));
        Assert.Contains(logs.Lines, l => l.Category.StartsWith("IncidentBot.Integrations", StringComparison.Ordinal));
        Assert.Empty(SecretForms.FoundIn(logs.AllText, [secret]));
    }

    /// <summary>Declares an incident on <see cref="SecretTarget"/>, triages it, chooses <paramref name="option"/> and has bob approve.</summary>
    private static async Task<string> ApprovedAsync(HttpClient http, string option)
    {
        var declared = await IncidentApi.SayAsync(http, "alice", $"/incident declare Token test sev2 service={SecretTarget.Service} runbook={SecretTarget.RunbookId}");
        Assert.True(declared.GetProperty("outcome").GetString() == "applied", declared.ToString());
        var id = declared.GetProperty("incidentId").GetString()!;
        await IncidentApi.AppliedAsync(http, "alice", $"/incident triage {id} sev2 workflow");
        await IncidentApi.AppliedAsync(http, "alice", $"/incident contain {id} {option}");
        await IncidentApi.AppliedAsync(http, "bob", $"/incident approve {id}");
        return id;
    }

    /// <summary>The incident API, the three timeline exports, each incident's card, and the room's feed, as one text.</summary>
    private static async Task<string> EverythingSeenAsync(TestBot bot, IReadOnlyList<string> ids)
    {
        var seen = new StringBuilder();
        foreach (var id in ids)
        {
            seen.AppendLine((await IncidentApi.GetAsync(bot.Http, id)).GetRawText());
            foreach (var format in new[] { "md", "json", "csv" })
            {
                using var export = await bot.Http.GetAsync($"/api/incidents/{id}/timeline?format={format}");
                export.EnsureSuccessStatusCode();
                seen.AppendLine(await export.Content.ReadAsStringAsync());
            }
            var card = await IncidentApi.CardAsync(bot.Http, id);
            seen.AppendLine(card.GetRawText()).AppendLine(Unescaped(card));
        }
        seen.AppendLine(await bot.Http.GetStringAsync("/api/console/feed"));
        return seen.ToString();
    }

    /// <summary>Every string inside a JSON value, unescaped: what a person reads on the card.</summary>
    private static string Unescaped(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(p => Unescaped(p.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(Unescaped)),
        _ => "",
    };

    /// <summary>The evidence file and its journal as bytes read behind the bot's back, decoded as UTF-8.</summary>
    private static string ReadDatabaseFiles(string databasePath)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + "*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text.AppendLine(Encoding.UTF8.GetString(copy.ToArray()));
        }
        Assert.True(text.Length > 0, "no evidence file");
        return text.ToString();
    }
}
