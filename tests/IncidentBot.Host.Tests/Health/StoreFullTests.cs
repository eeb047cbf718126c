using IncidentBot.TestSupport;
using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Health;

/// <summary>
/// The database's disk fills up while the bot runs (a real tmpfs filled to the last byte): commands are refused with
/// 503 and a plain message, <c>/healthz</c> is unhealthy, and once space is freed both recover; every command
/// acknowledged before or after is in the store exactly once and nothing refused was recorded.
/// </summary>
public sealed class StoreFullTests
{
    [TmpfsFact]
    public async Task Commands_DiskFullThenFreed_503AndUnhealthyThenRecoverWithNothingAcknowledgedLost()
    {
        // Arrange: a bot whose database lives on an 8 MiB tmpfs, three incidents declared.
        using var disk = Tmpfs.Mount(8 * 1024 * 1024);
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(disk.Path, "bot.db") });
        var acknowledged = new List<string>();
        for (var i = 1; i <= 3; i++) acknowledged.Add(await DeclareAsync(bot, $"before{i}", HttpStatusCode.OK));

        // Act 1: the disk fills up. A few more bytes may still fit; keep declaring until the store refuses.
        disk.Fill();
        var refused = new List<string>();
        HttpResponseMessage? refusal = null;
        for (var i = 1; i <= 20 && refusal is null; i++)
        {
            var label = $"during{i}";
            var response = await SayAsync(bot, label);
            if (response.StatusCode == HttpStatusCode.OK) { acknowledged.Add(label); response.Dispose(); }
            else { refused.Add(label); refusal = response; }
        }
        using var health = await bot.Http.GetAsync("/healthz");
        using var change = await Json.PostAsync(bot.Http, "/api/changes", new { service = "support-assistant", layer = "prompt", version = "v9", deployedBy = "ci", deployedUtc = DateTimeOffset.UtcNow, approved = true });

        // Assert 1: 503 with a readable problem (no stack trace, even in Development), unhealthy.
        Assert.NotNull(refusal);
        using (refusal)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.StatusCode);
            Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refusal.Headers.RetryAfter);
            var body = await refusal.Content.ReadAsStringAsync();
            Assert.Contains("can't record that right now", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (await Json.ReadAsync(health)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, change.StatusCode);

        // Act 2: space is freed; health recovers within a few probe intervals, and commands are accepted again.
        disk.Free();
        await WaitHealthyAsync(bot);
        for (var i = 1; i <= 2; i++) acknowledged.Add(await DeclareAsync(bot, $"after{i}", HttpStatusCode.OK));

        // Assert 2: every acknowledged declaration exactly once, nothing refused recorded.
        using var list = await bot.Http.GetAsync("/api/incidents?all=true");
        var titles = (await Json.ReadAsync(list)).EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        foreach (var label in acknowledged) Assert.Single(titles, t => t == Title(label));
        foreach (var label in refused) Assert.DoesNotContain(Title(label), titles);
        Assert.Equal(acknowledged.Count, titles.Count);
    }

    private static string Title(string label) => "Disk " + label;

    private static Task<HttpResponseMessage> SayAsync(TestBot bot, string label) =>
        Json.PostAsync(bot.Http, "/api/console/messages", new { user = "alice", text = $"/incident declare {Title(label)} sev3 runbook=ai-assistant-drift", deliveryId = label });

    private static async Task<string> DeclareAsync(TestBot bot, string label, HttpStatusCode expected)
    {
        using var response = await SayAsync(bot, label);
        Assert.True(response.StatusCode == expected, $"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("applied", (await Json.ReadAsync(response)).GetProperty("outcome").GetString());
        return label;
    }

    private static async Task WaitHealthyAsync(TestBot bot)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await bot.Http.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK) return;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }
        Assert.Fail("/healthz did not recover after space was freed: " + last);
    }
}
