using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using Xunit.Sdk;
using static IncidentBot.Host.Tests.Support.IncidentApi;

namespace IncidentBot.Host.Tests.Practice;

/// <summary>
/// Every versioned layer of the practice assistant can be rolled back alone through the shipped
/// <c>ai-assistant-drift</c> runbook: a bad change to one layer, Alertmanager's alert declares the incident, people
/// triage it to that layer with the triage card's button for it, choose and approve its rollback, the http step redeploys the good version, and the
/// automatic checks recover the incident. Only that layer moves back (embeddings take their index along).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LayerRollbackTests
{
    /// <summary>How long the automatic checks may take to recover the incident (two passes 2 s apart, on a loaded machine).</summary>
    static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(45);

    /// <summary>The practice service's layers and their good versions (what it starts on and the team last approved).</summary>
    static readonly (string Layer, string Good)[] GoodVersions =
    [
        ("model", "model-2026-09"), ("prompt", "prompt-v41"), ("retrieval", "kb-index-2026-11-01"), ("embeddings", "emb-v2"),
        ("routing", "routing-v7"), ("memory", "memory-v3"), ("tool-permissions", "tools-v12"), ("output-schema", "schema-v5"),
    ];

    [Theory]
    [InlineData("prompt", "prompt-v42", "")]
    [InlineData("retrieval", "kb-index-2026-12-01", "")]
    [InlineData("embeddings", "emb-v3", "retrieval")]
    [InlineData("routing", "routing-v8", "")]
    [InlineData("memory", "memory-v4", "")]
    [InlineData("tool-permissions", "tools-v13", "")]
    [InlineData("output-schema", "schema-v6", "")]
    public async Task Rollback_BadChangeToOneLayer_MovesOnlyThatLayerBackAndRecoversByItself(string layer, string bad, string coupled)
    {
        // Arrange: the team's approved versions of every layer, then the bad change on the practice service.
        await using var bot = await BotProcess.StartNewAsync();
        try
        {
            foreach (var (l, good) in GoodVersions)
                await PostJsonAsync(bot.Http, "api/changes", new
                {
                    service = "support-assistant", layer = l, version = good, deployedBy = "dana",
                    deployedUtc = DateTimeOffset.UtcNow.AddDays(-6), approved = true,
                });
            using (var simulated = await bot.Http.PostAsync($"practice/simulate/{layer}-change", null))
                Assert.True(simulated.IsSuccessStatusCode, $"simulate answered {(int)simulated.StatusCode}");
            var before = await LayersAsync(bot.Http);
            Assert.Equal(bad, before[layer]);
            var moved = coupled.Length == 0 ? new[] { layer } : [layer, coupled];

            // Act: the alert declares the incident (sev1: critical); its triage card points at the changed layer(s),
            // newest first, and alice clicks the button for the layer; she chooses its rollback; at sev1 bob and carol approve.
            var incident = await SendAlertAsync(bot.Http);
            var triageCard = await CardAsync(bot.Http, incident);
            var triage = triageCard.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("command").GetString()!)
                .Single(c => c == $"/incident triage {incident} sev1 {layer}");
            await AppliedAsync(bot.Http, "alice", triage);
            var chosen = await AppliedAsync(bot.Http, "alice", $"/incident contain {incident} rollback-{layer}");
            await AppliedAsync(bot.Http, "bob", $"/incident approve {incident}");
            await AppliedAsync(bot.Http, "carol", $"/incident approve {incident}");
            var recovered = await WaitForRecoveredAsync(bot.Http, incident);

            // Assert: the chosen rollback named every layer it moves; exactly those are back on their good versions,
            // every other layer is as it was, and only those were recorded as rolled back by the incident.
            // (an embeddings change rebuilt the index after it, so the index is the newest change)
            Assert.Contains($"Layers that changed, newest first: {string.Join(", ", Enumerable.Reverse(moved))}.", Text(triageCard), StringComparison.Ordinal);
            foreach (var l in moved)
                Assert.Contains($"{l} {before[l]} → {Good(l)}", Text(chosen), StringComparison.Ordinal);
            var after = await LayersAsync(bot.Http);
            foreach (var (l, good) in GoodVersions)
                Assert.True(after[l] == (moved.Contains(l) ? good : before[l]), $"{l}: {after[l]} (was {before[l]})");
            Assert.Equal("ok", await HealthStatusAsync(bot.Http));
            Assert.Equal(moved.Order(), (await RolledBackByAsync(bot.Http, incident)).Order());
            Assert.DoesNotContain(recovered.GetProperty("timeline").EnumerateArray(), e => e.Summary().Contains("confirmed recovery", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{bot.Output}", ex);
        }
    }

    /// <summary>Every string in a reply (its cards' texts), one per line.</summary>
    static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Object => string.Join('\n', e.EnumerateObject().Select(p => Text(p.Value))),
        JsonValueKind.Array => string.Join('\n', e.EnumerateArray().Select(Text)),
        _ => "",
    };

    static string Good(string layer) => GoodVersions.Single(g => g.Layer == layer).Good;

    static async Task<JsonElement> WaitForRecoveredAsync(HttpClient http, string incident)
    {
        var deadline = DateTime.UtcNow + RecoveryPatience;
        JsonElement current;
        do
        {
            current = await GetAsync(http, incident);
            if (current.State() == "recovered") return current;
            Assert.NotEqual("verificationFailed", current.State());
            Assert.NotEqual("executionFailed", current.State());
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new XunitException($"{incident} did not recover within {RecoveryPatience.TotalSeconds:0} s; state {current.State()}:\n" +
            string.Join('\n', current.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type") + ": " + e.Summary())));
    }

    static Task<string> SendAlertAsync(HttpClient http) => Signals.SignalFixtures.DeclareFromDocsExampleAsync(http);

    static async Task<Dictionary<string, string>> LayersAsync(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync("practice/health"));
        return health.RootElement.GetProperty("layers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    static async Task<string?> HealthStatusAsync(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync("practice/health"));
        return health.RootElement.GetProperty("status").GetString();
    }

    /// <summary>The layers the change log records as rolled back by <paramref name="incident"/>.</summary>
    static async Task<List<string>> RolledBackByAsync(HttpClient http, string incident)
    {
        using var changes = JsonDocument.Parse(await http.GetStringAsync("api/changes?service=support-assistant"));
        return changes.RootElement.EnumerateArray()
            .Where(c => c.GetProperty("deployedBy").GetString() == $"incidentbot ({incident})")
            .Select(c => c.GetProperty("layer").GetString()!).ToList();
    }

    static async Task PostJsonAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
