using System.Globalization;

namespace IncidentBot.Host.Practice;

/// <summary>
/// Answers Prometheus instant queries (<c>/api/v1/query</c>) in Prometheus's JSON format, for one series:
/// <c>assistant_bad_answer_ratio{service="support-assistant"}</c>. Any other query is an empty vector.
/// </summary>
internal static class PracticePrometheus
{
    public const string Metric = "assistant_bad_answer_ratio";

    private static readonly string[] Understood = [Metric, Metric + "{service=\"" + PracticeVersions.Service + "\"}"];

    public static IResult Query(string? query, PracticeSystem system, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(query))
            return Results.BadRequest(new { status = "error", errorType = "bad_data", error = "invalid parameter \"query\": the query is empty" });
        var normalised = string.Concat(query.Where(c => !char.IsWhiteSpace(c)));
        if (!Understood.Contains(normalised, StringComparer.Ordinal))
            return Results.Ok(new { status = "success", data = new { resultType = "vector", result = Array.Empty<object>() } });

        var at = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var sample = new
        {
            metric = new Dictionary<string, string> { ["__name__"] = Metric, ["service"] = PracticeVersions.Service },
            value = new object[] { at, system.BadAnswerRatio().ToString(CultureInfo.InvariantCulture) },
        };
        return Results.Ok(new { status = "success", data = new { resultType = "vector", result = new[] { sample } } });
    }
}
