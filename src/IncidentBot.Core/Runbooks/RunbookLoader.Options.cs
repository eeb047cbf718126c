using System.Globalization;
using IncidentBot.Core.Incidents;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

public static partial class RunbookLoader
{
    private static readonly string[] OptionKeys =
        ["id", "title", "kind", "layer", "moves_with", "description", "approval", "steps", "checks", "fallback"];
    private static readonly string[] ApprovalKeys = ["required", "groups", "by_severity", "break_glass"];
    private static readonly string[] BreakGlassKeys = ["allowed", "severities"];
    private static readonly string[] OptionKinds = ["rollback", "control", "pause", "manual"];
    private static readonly string[] SeverityNames = [.. Enum.GetValues<Severity>().Select(s => s.ToText())];

    private static List<ContainmentOption>? ReadOptions(YamlMap runbook, YamlProblemLog log)
    {
        if (runbook.Items("containment", required: true, nonEmpty: true) is not { } items) return null;
        var options = new List<ContainmentOption>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var item in items)
        {
            var option = ReadOption(item, log, seen);
            if (option is null) ok = false;
            else options.Add(option);
        }
        return ok ? options : null;
    }

    private static ContainmentOption? ReadOption(YamlNode node, YamlProblemLog log, Dictionary<string, YamlNode> seen)
    {
        if (YamlMap.Open(node, "containment option", OptionKeys, log) is not { } map) return null;
        var id = map.Id();
        if (id is not null && !Unique(id, map.Value("id")!, seen, "option id", log)) id = null;
        var title = map.Text("title", required: true);
        var kind = map.Choice("kind", OptionKinds) is { } k ? Enum.Parse<ContainmentKind>(k, ignoreCase: true) : (ContainmentKind?)null;
        var layer = map.Choice("layer", Layers.All);
        var movesWith = ReadMovesWith(map, kind, layer);
        var description = map.Text("description") ?? "";
        var approval = ReadApproval(map, log);
        var steps = ReadSteps(map, log);
        var checks = ReadChecks(map, log);
        var fallback = map.Text("fallback", required: true);
        if (kind is { } known && steps is not null) CheckStepsFitOption(map, known, steps);

        return id is null || title is null || kind is null || layer is null || approval is null || steps is null
            || checks is null || fallback is null || movesWith is null
            ? null
            : new ContainmentOption(id, title, kind.Value, layer, description, approval, steps, checks, fallback) { MovesWith = movesWith };
    }

    // moves_with: [retrieval] — other layers a rollback of this layer must take along. Only rollbacks move versions;
    // each coupled layer is a known layer, not the option's own, named once.
    private static IReadOnlyList<string>? ReadMovesWith(YamlMap option, ContainmentKind? kind, string? layer)
    {
        if (!option.Has("moves_with")) return [];
        if (kind is { } k && k != ContainmentKind.Rollback)
        {
            option.Report(option.KeyNode("moves_with")!, $"'moves_with' is only for rollback options (this option is {k.ToString().ToLowerInvariant()}): only rollbacks move layer versions");
            return null;
        }
        if (option.Items("moves_with", nonEmpty: true) is not { } items) return null;
        var layers = new List<string>();
        var ok = true;
        foreach (var item in items)
        {
            var name = item is YamlScalarNode s ? s.Value : null;
            if (!Layers.IsKnown(name))
                option.Report(item, $"items of 'moves_with' must be layers ({string.Join(", ", Layers.All)}); got {YamlMap.Describe(item)}");
            else if (name == layer)
                option.Report(item, $"'moves_with' names the option's own layer '{name}'; list only the other layers that move with it");
            else if (layers.Contains(name!, StringComparer.Ordinal))
                option.Report(item, $"'moves_with' names '{name}' twice");
            else
            {
                layers.Add(name!);
                continue;
            }
            ok = false;
        }
        return ok ? layers : null;
    }

    private static ApprovalPolicy? ReadApproval(YamlMap option, YamlProblemLog log)
    {
        if (option.Map("approval", "approval", ApprovalKeys, required: true) is not { } map) return null;
        var required = map.Int("required", 1, 0, 50);
        var groups = map.TextList("groups");
        var bySeverity = ReadBySeverity(map, log);
        var breakGlass = ReadBreakGlass(map, log);
        if (required is null || groups is null || bySeverity is null || breakGlass is null) return null;

        var anyApprovalNeeded = required > 0 || bySeverity.Values.Any(n => n > 0);
        if (anyApprovalNeeded && groups.Count == 0)
        {
            if (map.Has("groups")) map.Report(map.KeyNode("groups")!, "'groups' must name at least one approver group when approvals are required");
            else map.Missing("groups");
            return null;
        }
        return new ApprovalPolicy(required.Value, groups, bySeverity, breakGlass);
    }

    private static Dictionary<Severity, int>? ReadBySeverity(YamlMap approval, YamlProblemLog log)
    {
        var result = new Dictionary<Severity, int>();
        var value = approval.Value("by_severity");
        if (value is null || value is YamlScalarNode n && YamlMap.IsNothing(n)) return result;
        if (value is not YamlMappingNode mapping)
        {
            log.Add(value, $"'by_severity' must map severities to approval counts, not {YamlMap.Describe(value)}");
            return null;
        }
        var ok = true;
        foreach (var (key, count) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !SeverityNames.Contains(name, StringComparer.Ordinal)
                || !SeverityText.TryParse(name, out var severity))
            {
                log.Add(key, $"{YamlMap.Describe(key)} in 'by_severity' is not a severity; expected one of {string.Join(", ", SeverityNames)}");
                ok = false;
            }
            else if (count is not YamlScalarNode { Value: { } text } || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number is < 0 or > 50)
            {
                log.Add(count, $"'by_severity.{name}' must be a whole number between 0 and 50; got {YamlMap.Describe(count)}");
                ok = false;
            }
            else
            {
                result[severity] = number;
            }
        }
        return ok ? result : null;
    }

    private static BreakGlassPolicy? ReadBreakGlass(YamlMap approval, YamlProblemLog log)
    {
        if (!approval.Has("break_glass")) return BreakGlassPolicy.Never;
        if (approval.Map("break_glass", "break_glass", BreakGlassKeys) is not { } map) return null;
        // Required: without it, "break_glass: {severities: [sev1]}" would silently mean "never".
        if (!map.Has("allowed")) map.Missing("allowed");
        var allowed = map.Has("allowed") ? map.Bool("allowed", false) : null;
        var severities = new List<Severity>();
        var ok = allowed is not null;
        var items = map.Items("severities");
        if (items is null) ok = false;
        foreach (var item in items ?? [])
        {
            if (item is YamlScalarNode { Value: { } text } && SeverityNames.Contains(text, StringComparer.Ordinal)
                && SeverityText.TryParse(text, out var severity))
            {
                severities.Add(severity);
                continue;
            }
            map.Report(item, $"items of 'severities' must be one of {string.Join(", ", SeverityNames)}; got {YamlMap.Describe(item)}");
            ok = false;
        }
        return ok ? new BreakGlassPolicy(allowed!.Value, severities) : null;
    }

    private static bool Unique(string id, YamlNode node, Dictionary<string, YamlNode> seen, string what, YamlProblemLog log)
    {
        if (seen.TryGetValue(id, out var first))
        {
            log.Add(node, $"duplicate {what} '{id}' (first used at line {first.Start.Line})");
            return false;
        }
        seen[id] = node;
        return true;
    }
}
