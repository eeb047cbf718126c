using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Core.Readiness;

/// <summary>The readiness report as JSON for tools and the console page: camelCase names, verdicts as strings
/// (<c>pass</c>, <c>warn</c>, <c>fail</c>):
/// <c>{generatedUtc, verdict, services: [{service, verdict, points: [{number, name, verdict, facts, actions}]}]}</c>.</summary>
public static class ReadinessJson
{
    /// <summary>The serializer options of <see cref="Render"/> (also for reading a report back).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Render(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new
        {
            report.GeneratedUtc,
            report.Verdict,
            Services = report.Services.Select(s => new { s.Service, s.Verdict, s.Points }),
        }, Options);
    }
}
