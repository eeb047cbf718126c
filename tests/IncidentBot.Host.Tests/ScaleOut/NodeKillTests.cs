using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.TestSupport;
using IncidentBot.TestSupport.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace IncidentBot.Host.Tests.ScaleOut;

/// <summary>
/// Two real bot processes (<see cref="BotProcess"/>) on one PostgreSQL database, console clients spread over both,
/// and one node killed with SIGKILL, round after round, alternating which: each time while it holds a Slack delivery
/// claim (its call to the Slack stand-in hangs). Afterwards every acknowledged command is in the evidence exactly
/// once, the survivor delivered what the dead node had claimed once its lease ran out, and <c>evidence verify</c>
/// passes. Bounded: a fixed number of rounds and clients, every wait has a limit.
/// </summary>
public sealed class NodeKillTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int Rounds = 3;
    private const int AcksPerRound = 15;
    private const int MaxSignalsPerRound = 12;
    private const string Channel = "C0KILL";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task KillEitherNode_UnderLoad_AcknowledgedCommandsOnceClaimsTakenOverEvidenceVerifies()
    {
        // Arrange: node a, then node b (the first node creates the shared signing key), one Slack stand-in for both.
        await using var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        var keyFolder = Directory.CreateTempSubdirectory("incidentbot-nodekill-");
        try
        {
            var keyPath = Path.Combine(keyFolder.FullName, "evidence-signing.key");
            await using var slack = await NodeKillSlack.StartAsync();
            await using var a = await BotProcess.StartNewAsync(NodeEnvironment(database, keyPath, slack, "a"));
            await using var b = await BotProcess.StartNewAsync(NodeEnvironment(database, keyPath, slack, "b"));
            BotProcess[] nodes = [a, b];
            var traffic = new NodeKillTraffic(nodes);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var clients = traffic.RunAsync(Clients, stop.Token);
            var announced = new List<string>();

            // Act: each round, once traffic has been acknowledged, one node takes a Slack delivery, hangs on it, and is
            // killed holding the claim; the other takes it over after the lease; the dead node comes back.
            for (var round = 0; round < Rounds; round++)
            {
                var (victim, survivor) = round % 2 == 0 ? (0, 1) : (1, 0);
                var (victimName, survivorName) = (Name(victim), Name(survivor));
                var wanted = traffic.Count + AcksPerRound;
                await UntilAsync(() => Task.FromResult(traffic.Count >= wanted), $"round {round}: {wanted} acknowledged notes", nodes);

                slack.Hold(victimName, true);
                var (incident, title) = await AnnounceUntilHeldAsync(nodes[survivor], slack, victimName, round, announced, nodes);
                var held = (await OutboxRowsAsync(database, incident)).Where(r => r.Done is null && r.Token is not null).ToList();
                Assert.NotEmpty(held); // the victim holds the claim of the announcement it is stuck sending
                var leaseEnd = held.Max(r => r.ClaimedUntil!);

                await nodes[victim].KillAsync();
                var killedAt = DateTimeOffset.UtcNow;
                slack.Hold(victimName, false);

                await UntilAsync(async () => (await OutboxRowsAsync(database, incident)).All(r => r.Done is not null),
                    $"round {round}: {survivorName} delivers {incident}, held by the dead {victimName}", nodes);
                var root = slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Body.Contains(title, StringComparison.Ordinal)).ToList();
                Assert.Contains(root, c => c.Node == survivorName && !c.Held && c.At >= killedAt);
                foreach (var row in (await OutboxRowsAsync(database, incident)).Where(r => held.Any(h => h.Id == r.Id)))
                {
                    // Completed by the survivor, no earlier than the dead node's lease let it: nobody holds it now.
                    Assert.Null(row.Token);
                    Assert.True(string.CompareOrdinal(row.Done, leaseEnd) >= 0, $"row {row.Id} done at {row.Done}, before the lease ended at {leaseEnd}");
                }

                await nodes[victim].StartAsync();
            }
            await UntilAsync(() => Task.FromResult(traffic.Count >= (Rounds + 1) * AcksPerRound), "traffic after the last restart", nodes);
            await stop.CancelAsync();
            await clients;

            // Assert: every acknowledged note is in its incident's timeline exactly once, read from either node.
            var acknowledged = traffic.Acknowledged;
            Assert.True(acknowledged.Count >= (Rounds + 1) * AcksPerRound, $"too little traffic: {acknowledged.Count}");
            Assert.True(acknowledged.Select(x => x.Node).Distinct().Count() == 2, "every node should have acknowledged commands");
            foreach (var group in acknowledged.GroupBy(x => x.Incident))
            {
                var timeline = await nodes[group.Count() % 2].Http.GetFromJsonAsync<JsonElement>($"api/incidents/{group.Key}/timeline?format=json");
                var summaries = timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("summary").GetString()).ToList();
                foreach (var ack in group)
                    Assert.Single(summaries, s => s == "note: " + ack.Note);
            }
            // A retry on the other node of a command one node acknowledged is a duplicate there, not a second note.
            var first = acknowledged[0];
            var retry = await NodeKillTraffic.SendAsync(nodes[1 - first.Node], $"/incident note {first.Incident} {first.Note}", first.Delivery, CancellationToken.None);
            Assert.Equal("duplicate", retry!.Value.GetProperty("outcome").GetString());
            // Every announcement of every round was delivered in the end (the held ones by the survivor, above).
            await UntilAsync(async () => (await Task.WhenAll(announced.Select(i => OutboxRowsAsync(database, i)))).All(rows => rows.All(r => r.Done is not null)),
                "every announcement delivered", nodes);

            var takenOver = slack.Calls.Count(c => c.Held);
            output.WriteLine($"{Rounds} kills; {acknowledged.Count} notes acknowledged ({acknowledged.Count(x => x.Node == 0)} by a, " +
                $"{acknowledged.Count(x => x.Node == 1)} by b); {traffic.Failovers} client failovers; {announced.Count} alerts announced, " +
                $"{takenOver} Slack calls held by a node that was then killed");
            await a.StopAsync();
            await b.StopAsync();
            Assert.Equal(0, await VerifyEvidenceAsync(database, keyPath));
        }
        finally
        {
            keyFolder.Delete(recursive: true);
        }
    }

    private static string Name(int node) => node == 0 ? "a" : "b";

    private static Dictionary<string, string> NodeEnvironment(PostgresTestDatabase database, string keyPath, NodeKillSlack slack, string node) => new()
    {
        ["Storage__Provider"] = "postgres",
        ["Storage__ConnectionString"] = database.ConnectionString,
        ["Evidence__SigningKeyPath"] = keyPath,
        ["Outbox__Lease"] = Lease.ToString(),
        ["Slack__SigningSecret"] = "node-kill-signing-secret",
        ["Slack__BotToken"] = "xoxb-node-kill",
        ["Slack__ApiBaseUrl"] = slack.ApiBaseUrlFor(node).ToString(),
        ["Slack__CallTimeout"] = "00:01:00", // a held call hangs until the node dies
        ["Slack__Pacing__MessagesPerSecond"] = "100",
        ["Slack__Pacing__UpdatesPerSecond"] = "100",
        ["Slack__Delivery__Lease"] = Lease.ToString(),
        ["Slack__Delivery__PollInterval"] = "00:00:00.100",
        ["Slack__Delivery__RetryBaseDelay"] = "00:00:00.200",
        ["Slack__Delivery__MaxRetryDelay"] = "00:00:01",
        ["Signals__AnnounceTo"] = "slack",
        ["Signals__Conversation"] = Channel,
    };

    /// <summary>
    /// Opens incidents from alerts (through <paramref name="via"/>), one at a time, until one's announcement reaches
    /// the stand-in from <paramref name="victim"/>, which is held; returns that incident and its title.
    /// </summary>
    private static async Task<(string Incident, string Title)> AnnounceUntilHeldAsync(BotProcess via, NodeKillSlack slack, string victim, int round,
        List<string> announced, BotProcess[] nodes)
    {
        for (var s = 0; s < MaxSignalsPerRound; s++)
        {
            var title = $"Kill round {round} alert {s}";
            using var response = await via.Http.PostAsJsonAsync("api/signals", new
            {
                source = "grafana", key = $"kill-{round}-{s}", status = "firing", title, service = "support-assistant", severity = "high",
            });
            Assert.True(response.IsSuccessStatusCode, $"signal: {(int)response.StatusCode}\n{via.Output}");
            var incident = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!;
            announced.Add(incident);
            // Whichever node claims the announcement first sends it: held if that is the victim, delivered if not.
            await UntilAsync(() => Task.FromResult(slack.Calls.Any(c => c.Method == "chat.postMessage" && c.Body.Contains(title, StringComparison.Ordinal))),
                $"announcement of {incident} sent", nodes);
            if (slack.Calls.Any(c => c.Node == victim && c.Held && c.Body.Contains(title, StringComparison.Ordinal)))
                return (incident, title);
        }
        throw new InvalidOperationException($"{victim} claimed none of {MaxSignalsPerRound} announcements");
    }

    private static async Task<List<(long Id, string? ClaimedUntil, string? Done, string? Token)>> OutboxRowsAsync(PostgresTestDatabase database, string incident)
    {
        await using var connection = await database.OpenAdminConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, claimed_until, done_utc, claim_token FROM outbox WHERE stream = @stream AND kind = 'notify' AND target = 'slack' ORDER BY id", connection);
        command.Parameters.AddWithValue("stream", incident);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string?, string?, string?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3)));
        Assert.NotEmpty(rows);
        return rows;

        static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails after <see cref="Within"/> with the nodes' output.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what, BotProcess[] nodes)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Within)
                Assert.Fail($"not within {Within.TotalSeconds:0} s: {what}\n--- a:\n{Tail(nodes[0])}\n--- b:\n{Tail(nodes[1])}");
            await Task.Delay(100);
        }
    }

    private static string Tail(BotProcess node) => node.Output[^Math.Min(node.Output.Length, 3000)..];

    private static async Task<int> VerifyEvidenceAsync(PostgresTestDatabase database, string keyPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "incidentbot.dll"), "evidence", "verify", "--provider", "postgres", "--key", keyPath })
            info.ArgumentList.Add(arg);
        info.Environment["Storage__ConnectionString"] = database.ConnectionString;
        using var verify = Process.Start(info)!;
        var error = verify.StandardError.ReadToEndAsync();
        var output = await verify.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await verify.WaitForExitAsync(timeout.Token);
        Assert.True(verify.ExitCode == 0, output + await error);
        Assert.StartsWith("ok:", output, StringComparison.Ordinal);
        return verify.ExitCode;
    }
}
