using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;

namespace IncidentBot.Host.Tests.Durability;

/// <summary>
/// Kills the real bot process with SIGKILL while commands are flowing, restarts it on the same database, and checks
/// the durability promise: every command that was acknowledged has its evidence in the store, and the hash chains
/// verify. Bounded: at most a few seconds of traffic and a fixed number of clients.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Clients = 4;
    private const int AcksBeforeKill = 40;
    private static readonly TimeSpan MaxTraffic = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Kill_WhileCommandsFlow_EveryAcknowledgedCommandSurvivesAndChainsVerify()
    {
        // Arrange
        await using var bot = await BotProcess.StartNewAsync(new Dictionary<string, string> { ["Demo__SeedChanges"] = "false" });
        var acknowledged = new ConcurrentBag<(string Incident, string Note, string Delivery)>();
        using var stop = new CancellationTokenSource(MaxTraffic);

        // Act: clients declare an incident each and add notes as fast as the bot acknowledges them...
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(bot, c, acknowledged, stop.Token))).ToList();
        // Kill once real traffic has been acknowledged (not after a fixed time: a loaded machine may be slow to start).
        while (acknowledged.Count < AcksBeforeKill && !stop.IsCancellationRequested) await Task.Delay(20);
        await bot.KillAsync();                  // ...and the process dies mid-traffic, with requests in flight.
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        await bot.StartAsync();

        // Assert: everything acknowledged is there, once.
        Assert.True(acknowledged.Count >= AcksBeforeKill, $"too little traffic before the kill: {acknowledged.Count}\n{bot.Output}");
        foreach (var group in acknowledged.GroupBy(a => a.Incident))
        {
            var timeline = await bot.Http.GetFromJsonAsync<JsonElement>($"api/incidents/{group.Key}/timeline?format=json");
            var summaries = timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("summary").GetString()).ToList();
            foreach (var (_, note, _) in group)
                Assert.Single(summaries, s => s == "note: " + note);
        }

        // A client that never saw its answer retries with the same delivery id: applied once, not twice.
        var (incident, retriedNote, delivery) = acknowledged.First();
        var retry = await SendAsync(bot, "alice", $"/incident note {incident} {retriedNote}", delivery, CancellationToken.None);
        Assert.Equal("duplicate", retry!.Value.GetProperty("outcome").GetString());

        Assert.Equal(0, await VerifyEvidenceAsync(bot));
    }

    private static async Task ClientAsync(BotProcess bot, int client, ConcurrentBag<(string, string, string)> acknowledged, CancellationToken stop)
    {
        string? incident = null;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var delivery = $"crash-{client}-{i}";
            try
            {
                if (incident is null)
                {
                    var declared = await SendAsync(bot, "alice", $"/incident declare Crash client {client} sev3 runbook=ai-assistant-drift", delivery, stop);
                    incident = declared?.GetProperty("incidentId").GetString();
                    continue;
                }
                var note = $"client {client} note {i}";
                var reply = await SendAsync(bot, "alice", $"/incident note {incident} {note}", delivery, stop);
                if (reply?.GetProperty("outcome").GetString() == "applied") acknowledged.Add((incident, note, delivery));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // the bot is gone: this request was never acknowledged
            }
        }
    }

    private static async Task<JsonElement?> SendAsync(BotProcess bot, string user, string text, string delivery, CancellationToken ct)
    {
        using var response = await bot.Http.PostAsJsonAsync("api/console/messages", new { user, text, deliveryId = delivery }, ct);
        if (!response.IsSuccessStatusCode) return null;
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static async Task<int> VerifyEvidenceAsync(BotProcess bot)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "incidentbot.dll"), "evidence", "verify", "--db", bot.DatabasePath })
            info.ArgumentList.Add(a);
        using var verify = Process.Start(info)!;
        var output = await verify.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await verify.WaitForExitAsync(timeout.Token);
        Assert.True(verify.ExitCode == 0, output + await verify.StandardError.ReadToEndAsync());
        Assert.StartsWith("ok:", output, StringComparison.Ordinal);
        return verify.ExitCode;
    }
}
