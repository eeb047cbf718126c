using System.Text;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// Draws a runbook as a Mermaid <c>flowchart TD</c>: the triage checklist, then each containment option with its
/// approval policy, its steps in order, its checks, and "Recovered"; each option's fallback hangs off it as a dashed
/// side note. Used by <c>incidentbot runbook graph ID</c> and in reviews.
/// </summary>
public static class RunbookGraph
{
    /// <summary>The Mermaid source of <paramref name="runbook"/>, lines separated by <c>\n</c>.</summary>
    public static string ToMermaid(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        var lines = new List<string>
        {
            "flowchart TD",
            $"    triage[\"{Text($"Triage: {runbook.Title}")}<br/>{string.Join("<br/>", runbook.TriageChecklist.Select((q, i) => Text($"{i + 1}. {q}")))}\"]",
            "    recovered([\"Recovered\"])",
        };
        for (var i = 0; i < runbook.Options.Count; i++)
        {
            var option = runbook.Options[i];
            var node = $"o{i + 1}";
            lines.Add($"    {node}[\"{Text($"{option.Id}: {option.Title}")}<br/>{Text($"{option.Kind.ToString().ToLowerInvariant()} · layer {option.Layer}")}<br/>{Text("approval: " + DescribeApproval(option.Approval))}\"]");
            lines.Add($"    triage --> {node}");
            var previous = node;
            for (var j = 0; j < option.Steps.Count; j++)
            {
                var step = option.Steps[j];
                var stepNode = $"{node}s{j + 1}";
                lines.Add($"    {stepNode}[\"{Text($"step {j + 1} ({step.Kind}): {step.Title}")}\"]");
                lines.Add($"    {previous} --> {stepNode}");
                previous = stepNode;
            }
            for (var k = 0; k < option.Checks.Count; k++)
            {
                var check = option.Checks[k];
                var checkNode = $"{node}c{k + 1}";
                lines.Add($"    {checkNode}{{{{\"{Text($"check ({check.Kind}): {check.Title}")}\"}}}}");
                lines.Add($"    {previous} --> {checkNode}");
                previous = checkNode;
            }
            lines.Add($"    {previous} --> recovered");
            lines.Add($"    {node}fb>\"{Text("Meanwhile: " + option.Fallback)}\"]");
            lines.Add($"    {node} -.- {node}fb");
        }
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>
    /// The approval policy in a few words, e.g. <c>1 of approvers; sev1: 2; break-glass sev1</c>,
    /// <c>none</c> when nothing is required.
    /// </summary>
    public static string DescribeApproval(ApprovalPolicy approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var parts = new List<string>
        {
            approval.Required == 0 ? "none" : $"{approval.Required} of {string.Join(" or ", approval.Groups)}",
        };
        parts.AddRange(approval.RequiredBySeverity.OrderBy(p => p.Key).Select(p => $"{p.Key.ToText()}: {p.Value}"));
        if (approval.BreakGlass.Allowed)
        {
            parts.Add(approval.BreakGlass.Severities.Count == 0
                ? "break-glass any severity"
                : "break-glass " + string.Join(", ", approval.BreakGlass.Severities.Order().Select(s => s.ToText())));
        }
        return string.Join("; ", parts);
    }

    /// <summary>Label text safe inside a quoted Mermaid label: characters Mermaid or HTML would read as syntax
    /// become Mermaid entity codes (<c>#34;</c>), and line breaks become spaces.</summary>
    internal static string Text(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '"' or '#' or '<' or '>' or '[' or ']' or '{' or '}' or '(' or ')' or '|' or '`' or '&' or ';':
                    sb.Append('#').Append((int)c).Append(';');
                    break;
                case '\r' or '\n' or '\t':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
