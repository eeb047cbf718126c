using System.Text.RegularExpressions;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

/// <summary>
/// The origins (<c>scheme://host:port</c>) a runbook's http steps and http/prometheus checks would call, with
/// <c>{{settings.NAME}}</c> filled from <c>Executors:Settings</c> and, when <c>Executors:DrillSettings</c> is not
/// empty, once more as a drill would fill them. Only origins: the readiness probe never calls a step's own URL.
/// </summary>
public static partial class ReadinessOrigins
{
    /// <summary>Every URL use of <paramref name="runbook"/>, in option order.</summary>
    public static IReadOnlyList<EndpointUse> For(Runbook runbook, ExecutionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        ArgumentNullException.ThrowIfNull(settings);
        var sets = new List<(string Suffix, IReadOnlyDictionary<string, string> Values)> { ("", settings.Settings) };
        if (settings.DrillSettings.Count > 0)
        {
            var drill = new Dictionary<string, string>(settings.Settings, StringComparer.Ordinal);
            foreach (var (k, v) in settings.DrillSettings) drill[k] = v;
            sets.Add((" (drill)", drill));
        }
        var uses = new List<EndpointUse>();
        foreach (var (suffix, values) in sets)
        {
            foreach (var option in runbook.Options)
            {
                foreach (var step in option.Steps.Where(s => s.Http is not null))
                    uses.Add(Resolve(runbook.Id, $"{option.Id} step {step.Id}{suffix}", step.Http!.Url, values));
                foreach (var check in option.Checks)
                {
                    var url = check.Http?.Url ?? check.Prometheus?.BaseUrl;
                    if (url is not null) uses.Add(Resolve(runbook.Id, $"{option.Id} check {check.Id}{suffix}", url, values));
                }
            }
        }
        return uses;
    }

    /// <summary>The distinct origins among <paramref name="uses"/>, in first-seen order.</summary>
    public static IReadOnlyList<string> Origins(IEnumerable<EndpointUse> uses) =>
        uses.Where(u => u.Origin is not null).Select(u => u.Origin!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static EndpointUse Resolve(string runbookId, string where, string template, IReadOnlyDictionary<string, string> values)
    {
        var missing = Setting().Matches(template).Select(m => m.Groups[1].Value)
            .Where(name => !values.TryGetValue(name, out var v) || string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            return new(runbookId, where, null, $"Executors:Settings:{string.Join(", Executors:Settings:", missing)} is not configured");
        var filled = Setting().Replace(template, m => values[m.Groups[1].Value]);
        // Other placeholders ({{incident.id}}, {{secret.X}}) only ever sit in a path, query or header.
        filled = AnyPlaceholder().Replace(filled, "x");
        if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return new(runbookId, where, null, "is not an http(s) URL once its settings are filled in");
        return new(runbookId, where, $"{uri.Scheme}://{uri.Host}:{uri.Port}", null);
    }

    [GeneratedRegex(@"\{\{\s*settings\.([A-Za-z0-9_\-]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Setting();

    [GeneratedRegex(@"\{\{[^}]*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyPlaceholder();
}
