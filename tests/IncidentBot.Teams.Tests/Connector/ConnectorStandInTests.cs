using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Connector;

// The stand-in is what the client tests trust; these prove it refuses what the real connector refuses.
public sealed class ConnectorStandInTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer made-up")]
    [InlineData("Basic dXNlcjpwdw==")]
    public async Task Post_WithoutAnIssuedToken_401AndCounted(string? authorization)
    {
        await using var standIn = await ConnectorStandIn.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(standIn.ServiceUrl, "v3/conversations/a%3Achat/activities"))
        {
            Content = new StringContent("{\"type\":\"message\"}", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, standIn.RefusedCalls);
        Assert.Equal(0, standIn.Transcript.Count);
    }

    [Theory]
    [InlineData("client_credentials", "wrong-secret", ConnectorStandIn.Scope, HttpStatusCode.Unauthorized)]
    [InlineData("password", null, ConnectorStandIn.Scope, HttpStatusCode.BadRequest)]
    [InlineData("client_credentials", null, "https://graph.microsoft.com/.default", HttpStatusCode.BadRequest)]
    [InlineData("client_credentials", null, ConnectorStandIn.Scope, HttpStatusCode.OK)]
    public async Task Token_Form_CheckedLikeEntraId(string grant, string? secret, string scope, HttpStatusCode expected)
    {
        await using var standIn = await ConnectorStandIn.StartAsync();
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", grant), new("client_id", standIn.AppId), new("client_secret", secret ?? standIn.AppPassword), new("scope", scope),
        ]);

        using var response = await http.PostAsync(standIn.TokenEndpoint, form);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, standIn.IssuedTokens.Count);
    }

    [Fact]
    public async Task WaitForCallsAsync_TooFewCalls_TimesOutNamingWhatArrived()
    {
        await using var standIn = await ConnectorStandIn.StartAsync();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => standIn.WaitForCallsAsync(1, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("1 accepted connector calls", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NotJson_400()
    {
        await using var standIn = await ConnectorStandIn.StartAsync();
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", standIn.AppId), new("client_secret", standIn.AppPassword), new("scope", ConnectorStandIn.Scope)]);
        using var tokenResponse = await http.PostAsync(standIn.TokenEndpoint, form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(standIn.ServiceUrl, "v3/conversations/a%3Achat/activities"))
        {
            Content = new StringContent("text=hello", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", standIn.IssuedTokens.Single());

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, standIn.Transcript.Count);
    }
}
