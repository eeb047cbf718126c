using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using Xunit.Sdk;

namespace IncidentBot.Host.Tests.Logging;

/// <summary>
/// The real bot with <c>Logging:Console:FormatterName=json</c>: a Slack declaration (signed like Slack) whose thread
/// message the Slack stand-in refuses. Every line the process prints is one JSON object; the command's lines and its
/// refused delivery's lines carry the incident, the surface and the delivery id as scopes; no secret appears anywhere.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class JsonConsoleLogTests
{
    private const string Channel = "C0LOGS";
    private static readonly TimeSpan WholeTest = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SlackDeclarationAndItsRefusedDelivery_LogAsJsonWithIncidentSurfaceAndDeliveryScopes_AndNoSecret()
    {
        using var bounded = new CancellationTokenSource(WholeTest);
        // Unique per run, so finding one in the output can only mean it leaked.
        var signingSecret = "logs-signing-" + Guid.NewGuid().ToString("N");
        var botToken = "xoxb-logs-" + Guid.NewGuid().ToString("N");
        var apiKey = "logs-api-key-" + Guid.NewGuid().ToString("N");
        var posts = 0;
        await using var slack = await LoopbackTarget.StartAsync((ctx, _) =>
        {
            Interlocked.Increment(ref posts);
            // A permanent Slack error: the delivery is refused for good (logged, completed).
            return LoopbackTarget.ReplyAsync(ctx, 200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
        });
        await using var bot = await BotProcess.StartNewAsync(new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Slack__SigningSecret"] = signingSecret,
            ["Slack__BotToken"] = botToken,
            ["Slack__ApiBaseUrl"] = slack.BaseUrl + "/api/",
            ["Slack__Delivery__PollInterval"] = "00:00:00.100",
            ["Api__Keys__0"] = apiKey,
            ["Governance__People__0__Identities__slack"] = "U0ALICE",
        }, bounded.Token);
        var trigger = "logs." + Guid.NewGuid().ToString("N");
        try
        {
            // Act: a declaration in Slack; its thread message goes to the stand-in, which refuses it.
            await SlashAsync(bot, signingSecret, trigger, "declare Checkout errors sev2");
            var id = await IncidentIdAsync(bot, apiKey, "Checkout errors");
            await WaitUntilAsync(() => bot.Output.Contains("\"EventId\":1103", StringComparison.Ordinal), "the refused delivery logged", bounded.Token);
            Assert.True(posts > 0, "the bot never called the Slack stand-in");
            await bot.StopAsync();

            // Assert: every line the bot printed is one JSON object...
            var entries = Entries(bot.Output);
            Assert.NotEmpty(entries);

            // ...the command's lines carry its incident, surface and delivery id...
            var command = entries.Where(e => Scope(e, "DeliveryId") == "slack:cmd:" + trigger).ToList();
            Assert.NotEmpty(command);
            Assert.Contains(command, e => e.GetProperty("Category").GetString() == "IncidentBot.Slack.Endpoints.SlackInbound");
            Assert.All(command, e =>
            {
                Assert.Equal(id, Scope(e, "IncidentId"));
                Assert.Equal("slack", Scope(e, "Surface"));
            });

            // ...and so do the lines of its delivery (the outbox row as delivery id), the refusal among them.
            var delivery = entries.Where(e => Scope(e, "IncidentId") == id && Scope(e, "Surface") == "slack"
                                             && Scope(e, "DeliveryId")?.StartsWith("outbox:", StringComparison.Ordinal) == true).ToList();
            Assert.Contains(delivery, e => e.GetProperty("EventId").GetInt32() == 1103);
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{bot.Output}", ex);
        }

        // No secret anywhere: not in the JSON lines, not on standard error.
        foreach (var secret in new[] { signingSecret, botToken, apiKey })
            Assert.DoesNotContain(secret, bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultSimpleFormat_PrintsTheCommandScopeUnderItsLine()
    {
        await using var bot = await BotProcess.StartNewAsync();
        try
        {
            // Act: a console command, with the shipped logging settings (the simple formatter).
            var reply = await IncidentApi.AppliedAsync(bot.Http, "alice", "/incident declare Checkout errors sev2 service=support-assistant");
            var id = reply.GetProperty("incidentId").GetString();
            var scope = $"=> IncidentId:{id} Surface:console DeliveryId:console:request:";
            await WaitUntilAsync(() => bot.Output.Contains(scope, StringComparison.Ordinal), "the command's scope printed", CancellationToken.None);

            // Assert: the scope line sits right under the command's header line, above its message.
            var lines = bot.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var at = lines.FindIndex(l => l.Contains(scope, StringComparison.Ordinal));
            Assert.Equal("info: IncidentBot.Console[1020]", lines[at - 1]);
            Assert.Contains($"console command declare on {id}: Applied", lines[at + 1], StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{bot.Output}", ex);
        }
    }

    /// <summary>The JSON entries of the bot's standard output; fails on any line that is not one JSON object.</summary>
    private static List<JsonElement> Entries(string output)
    {
        var entries = new List<JsonElement>();
        foreach (var line in output.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            // The fixture's own markers and the bot's standard error (not a log stream) are not the bot's log lines.
            if (line.Length == 0 || line.StartsWith("--- ", StringComparison.Ordinal) || line.StartsWith("[stderr] ", StringComparison.Ordinal)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                entries.Add(document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new XunitException($"Not a JSON log line ({e.Message}): {line}");
            }
        }
        return entries;
    }

    /// <summary>The value of <paramref name="key"/> in the entry's innermost scope that has it, or null.</summary>
    private static string? Scope(JsonElement entry, string key)
    {
        if (!entry.TryGetProperty("Scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array) return null;
        foreach (var scope in scopes.EnumerateArray().Reverse())
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        return null;
    }

    /// <summary>Sends <c>/incident {text}</c> as U0ALICE in <see cref="Channel"/>, signed like Slack.</summary>
    private static async Task SlashAsync(BotProcess bot, string secret, string trigger, string text)
    {
        var form = $"team_id=T0001&channel_id={Channel}&channel_name=incidents&user_id=U0ALICE&user_name=alice&command=%2Fincident" +
                   $"&text={Uri.EscapeDataString(text)}&trigger_id={trigger}&api_app_id=A123456";
        var body = Encoding.UTF8.GetBytes(form);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        using var response = await bot.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/incident {text}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> IncidentIdAsync(BotProcess bot, string apiKey, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/incidents");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await bot.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET api/incidents: {(int)response.StatusCode}");
        var incidents = await response.Content.ReadFromJsonAsync<JsonElement>();
        return incidents.EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + IncidentApi.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {IncidentApi.Patience.TotalSeconds:0} s");
            await Task.Delay(100, cancellationToken);
        }
    }
}
