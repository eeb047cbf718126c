using System.Globalization;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>What one fuzz phase saw: requests sent, statuses by route, and the requests that broke a rule.</summary>
internal sealed class FuzzRun
{
    private readonly SortedDictionary<string, SortedDictionary<int, int>> statuses = new(StringComparer.Ordinal);

    /// <summary>Recorded instead of a status when the connection closed without an answer.</summary>
    public const int ConnectionClosed = 0;

    /// <summary>Largest body every route must answer (the hosts' limit); a larger one may see its connection closed.</summary>
    public const int BodyLimit = 64 * 1024;

    public int Sent { get; private set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Requests answered 5xx.</summary>
    public List<string> ServerErrors { get; } = [];

    /// <summary>Requests without valid credentials answered 2xx or 3xx.</summary>
    public List<string> Accepted { get; } = [];

    /// <summary>Requests within the body limit whose connection closed without an answer.</summary>
    public List<string> Dropped { get; } = [];

    public void Record(FuzzRequest request, int status)
    {
        Sent++;
        var byStatus = statuses.TryGetValue(request.Route, out var s) ? s : statuses[request.Route] = new SortedDictionary<int, int>();
        byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
        var what = $"#{Sent} {request.Method} {request.Path} ({request.Shape}, {request.Body.Length} bytes, {request.ContentType ?? "no type"}) -> {status}";
        if (status >= 500) ServerErrors.Add(what);
        if (status == ConnectionClosed && request.Body.Length <= BodyLimit) Dropped.Add(what);
        if (!request.ValidCredentials && status is > ConnectionClosed and < 400) Accepted.Add(what);
    }

    /// <summary>One line per route: the status histogram.</summary>
    public string Describe(string phase)
    {
        var total = statuses.Values.SelectMany(s => s).GroupBy(kv => kv.Key).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}x{g.Sum(kv => kv.Value)}");
        var lines = statuses.Select(r => $"  {r.Key}: " + string.Join(" ", r.Value.Select(kv => $"{kv.Key}x{kv.Value}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {Sent} requests in {Duration.TotalSeconds:0.0} s; statuses {string.Join(" ", total)}\n{string.Join("\n", lines)}");
    }
}
