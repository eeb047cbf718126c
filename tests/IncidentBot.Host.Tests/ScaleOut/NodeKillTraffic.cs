using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.TestSupport;

namespace IncidentBot.Host.Tests.ScaleOut;

/// <summary>
/// Console clients spread over the nodes of one cluster: client <c>c</c> starts on node <c>c % nodes</c>, declares an
/// incident and adds notes to it as fast as they are acknowledged. When its node does not answer (killed, or not up
/// yet) it sends the same command, with the same delivery id, to the next node, so a command that was applied but
/// whose answer was lost is reported as a duplicate there, never applied twice.
/// </summary>
public sealed class NodeKillTraffic
{
    private static readonly TimeSpan FailoverPause = TimeSpan.FromMilliseconds(50);
    private readonly IReadOnlyList<BotProcess> nodes;
    private readonly ConcurrentQueue<NodeKillAck> acknowledged = new();
    private int failovers;

    /// <summary>Traffic against <paramref name="nodes"/>.</summary>
    public NodeKillTraffic(IReadOnlyList<BotProcess> nodes) => this.nodes = nodes;

    /// <summary>Every acknowledged note so far.</summary>
    public IReadOnlyList<NodeKillAck> Acknowledged => acknowledged.ToArray();

    /// <summary>How many notes were acknowledged so far.</summary>
    public int Count => acknowledged.Count;

    /// <summary>How many times a client moved to another node because its own did not answer.</summary>
    public int Failovers => Volatile.Read(ref failovers);

    /// <summary>Runs <paramref name="clients"/> clients until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop), CancellationToken.None)));

    /// <summary>Sends one console message to <paramref name="node"/>; null when it answered with an error status.</summary>
    public static async Task<JsonElement?> SendAsync(BotProcess node, string text, string delivery, CancellationToken ct)
    {
        using var response = await node.Http.PostAsJsonAsync("api/console/messages", new { user = "alice", text, deliveryId = delivery }, ct);
        if (!response.IsSuccessStatusCode) return null;
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        var node = client % nodes.Count;
        string? incident = null;
        for (var i = 0; !stop.IsCancellationRequested;)
        {
            var delivery = $"kill-{client}-{i}";
            var note = $"client {client} note {i}";
            var text = incident is null ? $"/incident declare Kill client {client} sev3 runbook=ai-assistant-drift" : $"/incident note {incident} {note}";
            JsonElement? reply;
            try
            {
                reply = await SendAsync(nodes[node], text, delivery, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // never acknowledged
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                reply = null;
            }
            if (reply is not { } answer)
            {
                // This node is down: the same command, same delivery id, to the next one.
                node = (node + 1) % nodes.Count;
                Interlocked.Increment(ref failovers);
                try
                {
                    await Task.Delay(FailoverPause, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            var outcome = answer.GetProperty("outcome").GetString();
            if (incident is null)
                incident = outcome == "applied" ? answer.GetProperty("incidentId").GetString() : null; // a duplicate declares anew
            else if (outcome is "applied" or "duplicate")
                acknowledged.Enqueue(new NodeKillAck(incident, note, delivery, node));
            i++;
        }
    }
}
