using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.Bench;

/// <summary>
/// The burst: N notes spread over 10 incidents (one channel each) from 64 connections, as fast as the bot answers,
/// with delivery against <see cref="RateLimitedSlackApi"/>. Then it watches what the channels show: every note's text
/// in its incident's thread, in commit order, and each root card showing the incident's final version (read from the
/// bot's API after the burst; the card's context line says <c>v{version}</c>).
/// </summary>
internal static partial class BurstTest
{
    private const int Incidents = 10;
    private const int Connections = 64;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5); // longer than a 429's Retry-After and the outbox poll

    public static async Task<BurstResult> RunAsync(BenchOptions options)
    {
        await using var slack = await RateLimitedSlackApi.StartAsync();
        await using var bot = await ServerProcess.StartAsync(ServeOptions.Bot, slack.BaseUrl, Incidents, events: 0, channelPerIncident: true);
        // The declarations' own posts first: wait for every root card and quiet, then give each channel a full budget.
        await WaitAsync(() => RootsOf(slack.Calls()).Count >= Incidents && Quieter(slack, TimeSpan.FromSeconds(1.5)), TimeSpan.FromSeconds(30));
        slack.ResetBudgets();
        var firstCall = slack.Calls().Count;

        var acknowledged = 0;
        var next = -1;
        var started = slack.Now;
        async Task ClientAsync()
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < options.BurstNotes)
            {
                var (incident, j) = (1 + k % Incidents, k / Incidents);
                using var request = SlackRequests.SlashCommand($"note INC-{incident} {Marker(incident, j)} burst note", SlackRequests.Channel(incident, true));
                try
                {
                    using var response = await bot.Client.SendAsync(request);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref acknowledged);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // counted as not acknowledged
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(ClientAsync)));
        var burstEnd = slack.Now;

        var versions = await VersionsAsync(bot);
        var deadline = burstEnd + options.BurstWait;
        var drained = false;
        while (slack.Now < deadline)
        {
            var calls = slack.Calls();
            var rootsFinal = RootFinalTimes(calls, versions, burstEnd).All(t => t is not null);
            if (rootsFinal && NotesInThread(calls.Skip(firstCall)).Count >= acknowledged) break;
            if (rootsFinal && Quieter(slack, Quiet))
            {
                drained = true;
                break;
            }
            await Task.Delay(200);
        }
        var watched = slack.Now - burstEnd;
        versions = await VersionsAsync(bot);
        var committed = await CommittedOrderAsync(bot);
        var all = slack.Calls();
        if (options.BurstLog is { } log)
            await File.WriteAllLinesAsync(log, all.Select(c => System.Text.Json.JsonSerializer.Serialize(c)));
        var burstCalls = all.Skip(firstCall).ToList();
        var inThread = NotesInThread(burstCalls);
        if (inThread.Count >= acknowledged) drained = true;
        return new BurstResult(options.BurstNotes, acknowledged, (burstEnd - started).TotalSeconds, burstCalls.Count,
            burstCalls.Count(c => c.Method == "chat.postMessage"), burstCalls.Count(c => c.Method == "chat.update"), burstCalls.Count(c => c.Status == 429),
            inThread.Count, drained ? acknowledged - inThread.Count : null, OrderKept(burstCalls, committed),
            RootFinalTimes(all, versions, burstEnd), watched.TotalSeconds);
    }

    private static string Marker(int incident, int j) => string.Create(CultureInfo.InvariantCulture, $"burst-{incident}-{j:D5}");

    [GeneratedRegex(@"burst-(\d+)-(\d{5})")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"(?:·\s*v(\d+)\b)|(?:INC-\d+@(\d+))")]
    private static partial Regex VersionPattern();

    private static bool Quieter(RateLimitedSlackApi slack, TimeSpan quiet)
    {
        var calls = slack.Calls();
        return calls.Count == 0 || slack.Now - calls[^1].At >= quiet;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException("the burst test's incidents did not settle");
            await Task.Delay(100);
        }
    }

    // Root message of each channel: the first accepted top-level chat.postMessage there.
    private static Dictionary<string, string> RootsOf(List<SlackCall> calls)
    {
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in calls)
            if (c is { Method: "chat.postMessage", Status: 200, ThreadTs: null, Ts: { } ts }) roots.TryAdd(c.Channel, ts);
        return roots;
    }

    // What the threads show: every accepted thread reply in the order it was posted, with its latest text (a later
    // chat.update of the reply replaces what it said).
    private static List<string> ThreadMessages(IEnumerable<SlackCall> calls)
    {
        var order = new List<(string Channel, string Ts)>();
        var latest = new Dictionary<(string Channel, string Ts), string>();
        foreach (var c in calls)
        {
            if (c is not { Status: 200, Ts: { } ts }) continue;
            if (c is { Method: "chat.postMessage", ThreadTs: not null })
            {
                order.Add((c.Channel, ts));
                latest[(c.Channel, ts)] = c.Body;
            }
            else if (c.Method == "chat.update" && latest.ContainsKey((c.Channel, ts)))
            {
                latest[(c.Channel, ts)] = c.Body;
            }
        }
        return [.. order.Select(m => latest[m])];
    }

    // The set of note markers the threads show.
    private static HashSet<string> NotesInThread(IEnumerable<SlackCall> calls) =>
        ThreadMessages(calls).SelectMany(body => MarkerPattern().Matches(body).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

    private static bool? OrderKept(List<SlackCall> calls, Dictionary<int, List<string>> committed)
    {
        var seen = new Dictionary<int, List<string>>();
        foreach (var body in ThreadMessages(calls))
            foreach (Match m in MarkerPattern().Matches(body))
            {
                var incident = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (!seen.TryGetValue(incident, out var list)) seen[incident] = list = [];
                if (!list.Contains(m.Value)) list.Add(m.Value);
            }
        if (seen.Count == 0) return null;
        foreach (var (incident, shown) in seen)
        {
            var shownSet = shown.ToHashSet(StringComparer.Ordinal);
            var expected = committed.GetValueOrDefault(incident, []).Where(shownSet.Contains);
            if (!expected.SequenceEqual(shown, StringComparer.Ordinal)) return false;
        }
        return true;
    }

    // Per incident: seconds after the burst's end from which every root update showed the final version.
    private static List<double?> RootFinalTimes(List<SlackCall> calls, Dictionary<int, long> versions, TimeSpan burstEnd)
    {
        var roots = RootsOf(calls);
        var result = new List<double?>();
        for (var i = 1; i <= Incidents; i++)
        {
            var channel = SlackRequests.Channel(i, true);
            if (!roots.TryGetValue(channel, out var rootTs) || !versions.TryGetValue(i, out var final))
            {
                result.Add(null);
                continue;
            }
            var shown = calls.Where(c => c.Status == 200 && c.Channel == channel && c.Ts == rootTs
                                         && (c.Method == "chat.update" || c is { Method: "chat.postMessage", ThreadTs: null }))
                .Select(c => (c.At, Version: VersionShown(c.Body))).ToList();
            if (shown.Count == 0 || shown[^1].Version != final)
            {
                result.Add(null);
                continue;
            }
            var from = shown.Count - 1;
            while (from > 0 && shown[from - 1].Version == final) from--;
            result.Add(Math.Max(0, (shown[from].At - burstEnd).TotalSeconds));
        }
        return result;
    }

    private static long? VersionShown(string body)
    {
        long? best = null;
        foreach (Match m in VersionPattern().Matches(Unescaped(body)))
        {
            var v = long.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, CultureInfo.InvariantCulture);
            best = best is null || v > best ? v : best;
        }
        return best;
    }

    // The body's strings with JSON escapes (\u00b7) undone, so the pattern sees what Slack would show.
    private static string Unescaped(string body)
    {
        var texts = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o: foreach (var (_, v) in o) Walk(v); break;
                case JsonArray a: foreach (var v in a) Walk(v); break;
                case JsonValue v when v.TryGetValue<string>(out var s): texts.Add(s); break;
            }
        }
        Walk(JsonNode.Parse(body));
        return string.Join('\n', texts);
    }

    private static async Task<Dictionary<int, long>> VersionsAsync(ServerProcess bot)
    {
        var versions = new Dictionary<int, long>();
        for (var i = 1; i <= Incidents; i++)
        {
            var incident = JsonNode.Parse(await bot.Client.GetStringAsync($"/api/incidents/INC-{i}"));
            versions[i] = incident!["version"]!.GetValue<long>();
        }
        return versions;
    }

    // Each incident's burst notes in the order its evidence holds them.
    private static async Task<Dictionary<int, List<string>>> CommittedOrderAsync(ServerProcess bot)
    {
        var order = new Dictionary<int, List<string>>();
        for (var i = 1; i <= Incidents; i++)
        {
            var incident = JsonNode.Parse(await bot.Client.GetStringAsync($"/api/incidents/INC-{i}"));
            order[i] = [.. incident!["timeline"]!.AsArray()
                .SelectMany(e => MarkerPattern().Matches(e?["summary"]?.GetValue<string>() ?? "").Select(m => m.Value))];
        }
        return order;
    }
}
