using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Practice;

/// <summary>Calls to the practice system of a test bot.</summary>
internal static class PracticeClient
{
    public const string MetricQuery = "assistant_bad_answer_ratio{service=\"support-assistant\"}";

    public static async Task<JsonElement> HealthAsync(TestBot bot)
    {
        using var response = await bot.Http.GetAsync("/practice/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static Task<HttpResponseMessage> DeployAsync(TestBot bot, string layer, string version, string? idempotencyKey = null, string? incident = null)
    {
        var body = incident is null ? JsonSerializer.Serialize(new { layer, version }) : JsonSerializer.Serialize(new { layer, version, incident });
        var request = new HttpRequestMessage(HttpMethod.Post, "/practice/deploy") { Content = Json.Raw(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return bot.Http.SendAsync(request);
    }

    /// <summary>The change log of the practice service, newest first.</summary>
    public static async Task<JsonElement> ChangesAsync(TestBot bot)
    {
        using var response = await bot.Http.GetAsync("/api/changes?service=support-assistant");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonElement> QueryAsync(TestBot bot, string query)
    {
        using var response = await bot.Http.GetAsync("/practice/prometheus/api/v1/query?query=" + Uri.EscapeDataString(query));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<double> MetricAsync(TestBot bot)
    {
        var result = (await QueryAsync(bot, MetricQuery)).GetProperty("data").GetProperty("result");
        Assert.Equal(1, result.GetArrayLength());
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
