using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace IncidentBot.Host.Tests.Support;

/// <summary>One scrape of <c>/metrics</c> (Prometheus text exposition), parsed into samples.</summary>
internal sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> samples, string text) =>
        (Samples, Text) = (samples, text);

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples { get; }

    public string Text { get; }

    /// <summary>Every metric name in the scrape (samples' names, so a histogram shows as its _bucket, _sum and _count).</summary>
    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary><c>GET /metrics</c>, asserting 200.</summary>
    public static async Task<PrometheusText> ScrapeAsync(HttpClient http, string path = "/metrics")
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return Parse(text);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (every 100 ms, at most <see cref="IncidentApi.Patience"/>).</summary>
    public static async Task<PrometheusText> WaitForAsync(HttpClient http, Func<PrometheusText, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + IncidentApi.Patience;
        PrometheusText scrape;
        do
        {
            scrape = await ScrapeAsync(http);
            if (done(scrape)) return scrape;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"/metrics: not {what} within {IncidentApi.Patience.TotalSeconds:0} s:\n{scrape.Text}");
        return scrape;
    }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#')) continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value.Replace("\\\"", "\"", StringComparison.Ordinal), StringComparer.Ordinal);
            var raw = match.Groups["value"].Value;
            var value = raw switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, "NaN" => double.NaN, _ => double.Parse(raw, CultureInfo.InvariantCulture) };
            samples.Add((match.Groups["name"].Value, labels, value));
        }
        return new PrometheusText(samples, text);
    }

    /// <summary>The sum of <paramref name="name"/>'s samples whose labels include every pair of <paramref name="labels"/>
    /// ("k=v"); 0 when there is none (a counter not yet moved is not exported).</summary>
    public double Sum(string name, params string[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l[..l.IndexOf('=')], out var v) && v == l[(l.IndexOf('=') + 1)..]))
            .Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
