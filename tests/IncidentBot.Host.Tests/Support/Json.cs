using System.Net.Http.Json;
using System.Text.Json;

namespace IncidentBot.Host.Tests.Support;

/// <summary>Small helpers for JSON over HTTP.</summary>
internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(text), $"{(int)response.StatusCode}: empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body) => http.PostAsJsonAsync(path, body);

    public static HttpContent Raw(string text) => new StringContent(text, System.Text.Encoding.UTF8, "application/json");
}
