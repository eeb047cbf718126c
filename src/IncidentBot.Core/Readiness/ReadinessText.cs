using System.Globalization;
using System.Text;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Readiness;

/// <summary>The readiness report as plain text for a terminal: one block per service, one line per point, its facts
/// and actions indented below it. Text from configuration is cleaned to one line (<see cref="UntrustedText"/>).</summary>
public static class ReadinessText
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Render(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Readiness: {ReadinessFormat.Word(report.Verdict).ToUpperInvariant()} ({report.Services.Count} service(s), {report.GeneratedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC)\n");
        foreach (var service in report.Services)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{UntrustedText.Clean(service.Service)}: {ReadinessFormat.Word(service.Verdict).ToUpperInvariant()}\n");
            foreach (var point in service.Points)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {point.Number}. {point.Name}: {ReadinessFormat.Word(point.Verdict).ToUpperInvariant()}\n");
                foreach (var fact in point.Facts) sb.Append("       ").Append(UntrustedText.Clean(fact)).Append('\n');
                foreach (var action in point.Actions) sb.Append("     > ").Append(UntrustedText.Clean(action)).Append('\n');
            }
        }
        return sb.ToString();
    }
}
