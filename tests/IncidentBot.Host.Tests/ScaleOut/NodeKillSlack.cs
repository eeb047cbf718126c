using System.Collections.Concurrent;
using System.Globalization;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace IncidentBot.Host.Tests.ScaleOut;

/// <summary>
/// A Slack Web API stand-in shared by several bot nodes on one loopback port: node <c>n</c> calls it at
/// <c>/{n}/api/{method}</c> (<see cref="ApiBaseUrlFor"/>). Every call is answered <c>ok</c> with a fresh <c>ts</c>,
/// except while a node is held (<see cref="Hold"/>): then its calls hang unanswered until that node goes away, so the
/// node keeps its delivery claims for as long as it lives.
/// </summary>
public sealed class NodeKillSlack : IAsyncDisposable
{
    private readonly ConcurrentQueue<NodeKillSlackCall> calls = new();
    private readonly ConcurrentDictionary<string, bool> held = new(StringComparer.Ordinal);
    private LoopbackTarget target = null!;
    private long ts = 1_700_000_000_000_000;

    private NodeKillSlack()
    {
    }

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<NodeKillSlackCall> Calls => calls.ToArray();

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public static async Task<NodeKillSlack> StartAsync()
    {
        var slack = new NodeKillSlack();
        slack.target = await LoopbackTarget.StartAsync((context, _) => slack.AnswerAsync(context));
        return slack;
    }

    /// <summary>The <c>Slack:ApiBaseUrl</c> for <paramref name="node"/>.</summary>
    public Uri ApiBaseUrlFor(string node) => new($"{target.BaseUrl}/{node}/api/");

    /// <summary>From now on, leaves <paramref name="node"/>'s calls unanswered (<paramref name="hold"/>) or answers them.</summary>
    public void Hold(string node, bool hold) => held[node] = hold;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => target.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var parts = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        var (node, method) = parts.Length == 3 ? (parts[0], parts[2]) : ("?", string.Join('/', parts));
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var hold = held.GetValueOrDefault(node);
        calls.Enqueue(new NodeKillSlackCall(node, method, body, hold, DateTimeOffset.UtcNow));
        if (hold)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // until the node dies (or gives up on the call)
            return;
        }
        var next = Interlocked.Increment(ref ts);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $$"""{"ok":true,"channel":"C0KILL","ts":"{{next / 1_000_000}}.{{next % 1_000_000:D6}}"}"""), context.RequestAborted);
    }
}
