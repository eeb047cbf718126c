using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

public static partial class RunbookLoader
{
    private static readonly string[] CheckKeys =
        ["id", "kind", "title", "interval_seconds", "window_seconds", "consecutive_passes", "http", "prometheus"];
    private static readonly string[] CheckKinds = ["manual", "http", "prometheus"];
    private static readonly string[] HttpCheckKeys = ["url", "expect_status", "json_path", "expect_value"];
    private static readonly string[] PrometheusKeys = ["base_url", "query", "comparison", "threshold"];
    private static readonly string[] Comparisons = ["<", "<=", ">", ">=", "=="];

    private static List<VerificationCheck>? ReadChecks(YamlMap option, YamlProblemLog log)
    {
        if (option.Items("checks") is not { } items) return null;
        var checks = new List<VerificationCheck>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var item in items)
        {
            if (ReadCheck(item, log, seen) is { } check) checks.Add(check);
            else ok = false;
        }
        return ok ? checks : null;
    }

    private static VerificationCheck? ReadCheck(YamlNode node, YamlProblemLog log, Dictionary<string, YamlNode> seen)
    {
        if (YamlMap.Open(node, "check", CheckKeys, log) is not { } map) return null;
        var id = map.Id();
        if (id is not null)
        {
            map.What = $"check '{id}'";
            if (!Unique(id, map.Value("id")!, seen, "check id", log)) id = null;
        }
        var kind = map.Choice("kind", CheckKinds);
        var title = map.Text("title", required: true);
        var interval = map.Int("interval_seconds", 15, 1, 3600);
        var window = map.Int("window_seconds", 300, 1, 86400);
        var passes = map.Int("consecutive_passes", 1, 1, 100);
        var timingOk = interval is not null && window is not null && passes is not null
            && WindowFitsInterval(map, interval.Value, window.Value);

        HttpCheckSpec? http = null;
        PrometheusCheckSpec? prometheus = null;
        var blocksOk = kind is not null;
        if (kind is not null)
        {
            blocksOk &= kind == "http" ? (http = ReadHttpCheck(map, log)) is not null : Forbid(map, kind, "http", "http");
            blocksOk &= kind == "prometheus" ? (prometheus = ReadPrometheus(map, log)) is not null
                : Forbid(map, kind, "prometheus", "prometheus");
        }

        return id is null || kind is null || title is null || !timingOk || !blocksOk
            ? null
            : new VerificationCheck(id, kind, title, interval!.Value, window!.Value, passes!.Value, http, prometheus);
    }

    private static HttpCheckSpec? ReadHttpCheck(YamlMap check, YamlProblemLog log)
    {
        if (check.Map("http", "http block", HttpCheckKeys, required: true) is not { } map) return null;
        var url = HttpUrl(map, "url");
        var status = map.Int("expect_status", 200, 100, 599);
        var jsonPath = map.Text("json_path");
        var expectValue = map.Text("expect_value");
        if ((jsonPath is null) != (expectValue is null))
        {
            // One without the other would either compare nothing or compare against an unnamed value.
            map.Report(map.Node, "'json_path' and 'expect_value' go together: give both or neither");
            return null;
        }
        return url is null || status is null ? null : new HttpCheckSpec(url, status.Value, jsonPath, expectValue);
    }

    private static PrometheusCheckSpec? ReadPrometheus(YamlMap check, YamlProblemLog log)
    {
        if (check.Map("prometheus", "prometheus block", PrometheusKeys, required: true) is not { } map) return null;
        var baseUrl = HttpUrl(map, "base_url");
        var query = map.Text("query", required: true);
        var comparison = map.Choice("comparison", Comparisons);
        var threshold = map.Number("threshold");
        return baseUrl is null || query is null || comparison is null || threshold is null
            ? null
            : new PrometheusCheckSpec(baseUrl, query, comparison, threshold.Value);
    }
}
