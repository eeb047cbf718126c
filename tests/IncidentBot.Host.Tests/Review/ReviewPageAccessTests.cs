using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Review;

/// <summary>Outside Development the review page needs the API key: in X-Api-Key, or in the console's
/// <c>incidentbot_key</c> cookie (this page only; <c>/api</c> never takes the cookie). Bad ids are 400, unknown 404.</summary>
public sealed class ReviewPageAccessTests : IAsyncLifetime
{
    private const string Key = "review-key-0123456789";
    private ReviewIncident run = null!;
    private string id = "";

    public async Task InitializeAsync()
    {
        run = await ReviewIncident.StartAsync("Production", new() { ["Api:Keys:0"] = Key, ["Console:Enabled"] = "true" });
        run.Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var declared = await IncidentApi.AppliedAsync(run.Http, "alice", $"/incident declare Refund answers <b>wrong</b> sev3 service={ReviewIncident.Service} runbook=review-target");
        id = declared.GetProperty("incidentId").GetString()!;
    }

    public async Task DisposeAsync() => await run.DisposeAsync();

    [Theory]
    [InlineData(null, null)]
    [InlineData("X-Api-Key", "wrong-key")]
    [InlineData("Cookie", "incidentbot_key=wrong-key")]
    [InlineData("Cookie", "other_cookie=" + Key)]
    public async Task GetPage_WithoutTheRightKey_Is401Page(string? header, string? value)
    {
        using var response = await SendAsync($"/incidents/{id}/review", header, value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("An API key is required", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Refund answers", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Api-Key", Key)]
    [InlineData("Cookie", "incidentbot_key=" + Key)]
    public async Task GetPage_WithTheKeyInTheHeaderOrTheCookie_Is200WithEncodedText(string header, string value)
    {
        using var response = await SendAsync($"/incidents/{id}/review", header, value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Refund answers &lt;b&gt;wrong&lt;/b&gt;", body, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task GetApiTimeline_WithTheCookieOnly_Is401()
    {
        using var response = await SendAsync($"/api/incidents/{id}/timeline?format=html", "Cookie", "incidentbot_key=" + Key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/incidents/INC-999/review", HttpStatusCode.NotFound, "There is no incident INC-999.")]
    [InlineData("/incidents/not-an-id/review", HttpStatusCode.BadRequest, "Incident ids look like INC-7.")]
    [InlineData("/incidents/%3Cscript%3E/review", HttpStatusCode.BadRequest, "Incident ids look like INC-7.")]
    public async Task GetPage_UnknownOrBadId_IsAPageSayingSo(string path, HttpStatusCode status, string text)
    {
        using var response = await SendAsync(path, "X-Api-Key", Key);

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(text, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? header, string? value)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = run.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);
        return await http.SendAsync(request);
    }
}
