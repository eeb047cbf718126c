using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Integrations.Checks;

/// <summary>
/// The samples of a Prometheus instant-query answer (<c>/api/v1/query</c>): a <c>vector</c> gives one sample per
/// series, a <c>scalar</c> one sample; anything else, <c>status: error</c>, or a sample that is not a number is a
/// <see cref="Problem"/>.
/// </summary>
internal sealed record PrometheusResult(IReadOnlyList<(string Series, double Value)> Samples, string? Problem)
{
    public static PrometheusResult Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return FromRoot(document.RootElement);
        }
        catch (JsonException)
        {
            return Fail("the answer is not JSON");
        }
    }

    private static PrometheusResult FromRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Fail("the answer is not a JSON object");
        var status = Text(root, "status");
        if (status == "error") return Fail($"Prometheus answered error: {Text(root, "errorType") ?? "?"}: {Text(root, "error") ?? "no detail"}");
        if (status != "success") return Fail($"unexpected status '{status ?? "(none)"}'");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return Fail("no 'data' in the answer");
        if (!data.TryGetProperty("result", out var result)) return Fail("no 'data.result' in the answer");
        switch (Text(data, "resultType"))
        {
            case "scalar":
                return Sample(result, "scalar") is var (value, problem) && problem is null
                    ? new PrometheusResult([("", value)], null) : Fail(problem!);
            case "vector":
                if (result.ValueKind != JsonValueKind.Array) return Fail("'data.result' is not a list");
                if (result.GetArrayLength() == 0) return Fail("the query returned no series (empty result)");
                var samples = new List<(string, double)>();
                foreach (var series in result.EnumerateArray())
                {
                    var name = Labels(series);
                    if (!series.TryGetProperty("value", out var pair)) return Fail($"series {name} has no value");
                    var (v, p) = Sample(pair, name);
                    if (p is not null) return Fail(p);
                    samples.Add((name, v));
                }
                return new PrometheusResult(samples, null);
            case var other:
                return Fail($"resultType '{other ?? "(none)"}' is not supported; use an instant vector or scalar query");
        }
    }

    private static (double Value, string? Problem) Sample(JsonElement pair, string series)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.String)
            return (0, $"sample of {series} is not [timestamp, \"value\"]");
        var text = pair[1].GetString()!;
        double value = text switch
        {
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
        };
        return double.IsNaN(value) ? (0, $"value of {(series.Length == 0 ? "the query" : series)} is not a number ({text})") : (value, null);
    }

    /// <summary><c>{job="api",code="500"}</c>, without <c>__name__</c>; <c>{}</c> for a series without labels.</summary>
    private static string Labels(JsonElement series)
    {
        var sb = new StringBuilder("{");
        if (series.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
            foreach (var label in metric.EnumerateObject().Where(l => l.Name != "__name__"))
                sb.Append(sb.Length > 1 ? "," : "").Append(label.Name).Append("=\"").Append(label.Value.ToString()).Append('"');
        return sb.Append('}').ToString();
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static PrometheusResult Fail(string problem) => new([], problem);
}
