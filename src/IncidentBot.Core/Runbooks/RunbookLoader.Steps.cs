using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

public static partial class RunbookLoader
{
    private static readonly string[] StepKeys =
        ["id", "kind", "title", "idempotent", "timeout_seconds", "instructions", "http"];
    private static readonly string[] StepKinds = ["baseline", "manual", "http"];
    private static readonly string[] HttpStepKeys = ["method", "url", "headers", "body"];
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static List<ExecutionStep>? ReadSteps(YamlMap option, YamlProblemLog log)
    {
        if (option.Items("steps", required: true, nonEmpty: true) is not { } items) return null;
        var steps = new List<ExecutionStep>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var item in items)
        {
            if (ReadStep(item, log, seen) is { } step) steps.Add(step);
            else ok = false;
        }
        return ok ? steps : null;
    }

    private static ExecutionStep? ReadStep(YamlNode node, YamlProblemLog log, Dictionary<string, YamlNode> seen)
    {
        if (YamlMap.Open(node, "step", StepKeys, log) is not { } map) return null;
        var id = map.Id();
        if (id is not null)
        {
            map.What = $"step '{id}'";
            if (!Unique(id, map.Value("id")!, seen, "step id", log)) id = null;
        }
        var kind = map.Choice("kind", StepKinds);
        var title = map.Text("title", required: true);
        var idempotent = map.Bool("idempotent", @default: kind == "baseline");
        var timeout = map.Int("timeout_seconds", 30, 1, 3600);
        string? instructions = null;
        HttpStepSpec? http = null;
        var blocksOk = kind is not null;
        if (kind is not null)
        {
            blocksOk &= kind == "manual" ? (instructions = map.Text("instructions", required: true)) is not null
                : Forbid(map, kind, "instructions", "manual");
            blocksOk &= kind == "http" ? (http = ReadHttpStep(map, log)) is not null
                : Forbid(map, kind, "http", "http");
        }

        return id is null || kind is null || title is null || idempotent is null || timeout is null || !blocksOk
            ? null
            : new ExecutionStep(id, kind, title, idempotent.Value, timeout.Value, instructions, http);
    }

    private static HttpStepSpec? ReadHttpStep(YamlMap step, YamlProblemLog log)
    {
        if (step.Map("http", "http block", HttpStepKeys, required: true) is not { } map) return null;
        var method = map.Choice("method", HttpMethods);
        var url = HttpUrl(map, "url");
        var headers = map.TextMap("headers");
        var body = map.Text("body");
        if (method is "GET" or "DELETE" && body is not null)
        {
            map.Report(map.KeyNode("body")!, $"a {method} request has no body; remove 'body' or use POST, PUT or PATCH");
            return null;
        }
        return method is null || url is null || headers is null ? null : new HttpStepSpec(method, url, headers, body);
    }
}
