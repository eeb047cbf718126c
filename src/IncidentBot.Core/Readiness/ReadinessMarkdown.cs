using System.Globalization;
using System.Text;
using IncidentBot.Core.Export;

namespace IncidentBot.Core.Readiness;

/// <summary>The readiness report in Markdown: a summary table (service × point), then per service a section per point
/// with its facts and what to do as lists. Text from configuration and the change log is escaped
/// (<see cref="MarkdownText"/>), so a note cannot add markup, links or table cells.</summary>
public static class ReadinessMarkdown
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Render(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Readiness: {Badge(report.Verdict)}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Gathered {report.GeneratedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC.\n\n");
        if (report.Services.Count == 0)
        {
            sb.Append("No service is named by a runbook or the change log.\n");
            return sb.ToString();
        }
        var names = report.Services[0].Points.Select(p => $"{p.Number}. {p.Name}").ToList();
        sb.Append("| Service | Overall | ").Append(string.Join(" | ", names)).Append(" |\n");
        sb.Append("|---|---|").Append(string.Concat(names.Select(_ => "---|"))).Append('\n');
        foreach (var service in report.Services)
        {
            sb.Append("| ").Append(MarkdownText.Cell(service.Service)).Append(" | ").Append(Badge(service.Verdict)).Append(" | ")
              .Append(string.Join(" | ", service.Points.Select(p => Badge(p.Verdict)))).Append(" |\n");
        }
        foreach (var service in report.Services)
        {
            sb.Append("\n## ").Append(MarkdownText.Block(service.Service)).Append(": ").Append(Badge(service.Verdict)).Append('\n');
            foreach (var point in service.Points)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n### {point.Number}. {point.Name}: {Badge(point.Verdict)}\n\n");
                foreach (var fact in point.Facts) sb.Append("- ").Append(MarkdownText.Block(fact)).Append('\n');
                if (point.Actions.Count > 0)
                {
                    sb.Append("\nWhat to do:\n\n");
                    foreach (var action in point.Actions) sb.Append("- ").Append(MarkdownText.Block(action)).Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    private static string Badge(ReadinessVerdict verdict) => verdict switch
    {
        ReadinessVerdict.Pass => "pass",
        ReadinessVerdict.Warn => "**warn**",
        _ => "**FAIL**",
    };
}
