using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

/// <summary>Cross-field rules: combinations of values that are each valid alone but wrong together.</summary>
public static partial class RunbookLoader
{
    /// <summary>Rollback means "move the layer back", which people alone cannot do; baseline steps only make sense
    /// for a rollback; a manual option is run by people, so nothing in it may act on production by itself.</summary>
    private static void CheckStepsFitOption(YamlMap option, ContainmentKind kind, IReadOnlyList<ExecutionStep> steps)
    {
        if (kind == ContainmentKind.Rollback && !steps.Any(s => s.Kind is "baseline" or "http"))
        {
            option.Report(option.Value("kind")!,
                "a rollback option must contain a baseline or http step that moves the layer back; this one has only manual steps");
        }
        var stepNodes = ((YamlSequenceNode)option.Value("steps")!).Children;
        for (var i = 0; i < steps.Count; i++)
        {
            var kindNode = ((YamlMappingNode)stepNodes[i]).Children[new YamlScalarNode("kind")];
            var optionKind = kind.ToString().ToLowerInvariant();
            if (kind == ContainmentKind.Manual && steps[i].Kind != "manual")
            {
                option.Report(kindNode, $"a manual option may only have manual steps; step '{steps[i].Id}' is {steps[i].Kind}");
            }
            else if (kind != ContainmentKind.Rollback && steps[i].Kind == "baseline")
            {
                option.Report(kindNode, $"a baseline step is only allowed in a rollback option; this option is {optionKind}");
            }
        }
        if (kind is ContainmentKind.Control or ContainmentKind.Pause) CheckHttpStepsFollowControlEnabled(option, kind.ToString().ToLowerInvariant(), steps, stepNodes);
    }

    /// <summary>
    /// Lifting a control or pause runs the same steps again with <c>{{control.enabled}}</c> = <c>false</c>. An http
    /// step that never reads it would send the same request on lift as on apply, and the bot would report the control
    /// lifted while it is still on. Manual steps are for people and are not checked.
    /// </summary>
    private static void CheckHttpStepsFollowControlEnabled(YamlMap option, string optionKind, IReadOnlyList<ExecutionStep> steps, IList<YamlNode> stepNodes)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Http is not { } http || UsesControlEnabled(http)) continue;
            var httpNode = (YamlMappingNode)((YamlMappingNode)stepNodes[i]).Children[new YamlScalarNode("http")];
            var at = httpNode.Children.TryGetValue(new YamlScalarNode("body"), out var body) ? body : httpNode;
            option.Report(at, $"http step '{steps[i].Id}' of a {optionKind} option must use {{{{control.enabled}}}} in its url, headers or body"
                + " (true when applying, false when lifting); otherwise lifting sends the same request and leaves the control on");
        }
    }

    private static bool UsesControlEnabled(HttpStepSpec http) =>
        ControlEnabled().IsMatch(http.Url) || (http.Body is { } b && ControlEnabled().IsMatch(b)) || http.Headers.Values.Any(v => ControlEnabled().IsMatch(v));

    /// <summary>A check cannot pass if it is given less time than one poll interval.</summary>
    private static bool WindowFitsInterval(YamlMap check, int interval, int window)
    {
        if (window >= interval) return true;
        var at = check.Value("window_seconds") ?? check.Value("interval_seconds")!;
        check.Report(at, $"'window_seconds' ({window}) must be at least 'interval_seconds' ({interval})");
        return false;
    }

    /// <summary>Reports <paramref name="key"/> when present on a kind that does not use it.</summary>
    private static bool Forbid(YamlMap map, string thing, string kind, string key, string ownerKind)
    {
        if (!map.Has(key)) return true;
        map.Forbid(key, $"'{key}' is only allowed on {ownerKind} {thing}s; this {thing} is {kind}");
        return false;
    }

    /// <summary>A required absolute http(s) URL; <c>{{...}}</c> placeholders count as filled in, and one that starts
    /// the URL must be a <c>settings.NAME</c> (a base URL from configuration, checked again when it is rendered).</summary>
    private static string? HttpUrl(YamlMap map, string key)
    {
        if (map.Text(key, required: true) is not { } url) return null;
        // A URL may start with a configured base URL ({{settings.deploy_api}}/rollback); stand in a whole one for it.
        var filled = Placeholder().Replace(LeadingSettings().Replace(url, "http://placeholder"), "placeholder");
        if (Uri.TryCreate(filled, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return url;
        map.Report(map.Value(key)!, $"'{key}' must be an absolute http:// or https:// URL; got '{url}'");
        return null;
    }

    [GeneratedRegex(@"\{\{[^{}]*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{\{\s*control\.enabled\s*\}\}")]
    private static partial Regex ControlEnabled();

    [GeneratedRegex(@"^\{\{\s*settings\.[^{}]*\}\}")]
    private static partial Regex LeadingSettings();
}
