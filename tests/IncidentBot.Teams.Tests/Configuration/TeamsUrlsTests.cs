using IncidentBot.Teams.Configuration;

namespace IncidentBot.Teams.Tests.Configuration;

public sealed class TeamsUrlsTests
{
    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("https://10.0.0.1/keys")]
    [InlineData("http://127.0.0.1:5000/keys")]
    [InlineData("http://127.8.9.10/keys")]
    [InlineData("http://[::1]:8080/keys")]
    [InlineData("http://localhost/keys")]
    [InlineData("http://LocalHost:1234/keys")]
    public void IsAllowed_HttpsOrLoopbackHttp_True(string url) => Assert.True(TeamsUrls.IsAllowed(new Uri(url)));

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("http://127.0.0.1.nip.io/keys")]
    [InlineData("http://localhost.example.com/keys")]
    [InlineData("http://128.0.0.1/keys")]
    [InlineData("http://10.0.0.1/keys")]
    [InlineData("http://[::2]/keys")]
    [InlineData("http://[::ffff:10.0.0.1]/keys")]
    [InlineData("ftp://127.0.0.1/keys")]
    [InlineData("file:///etc/keys.json")]
    public void IsAllowed_AnythingElse_False(string url) => Assert.False(TeamsUrls.IsAllowed(new Uri(url)));

    [Fact]
    public void IsAllowed_RelativeOrNull_False()
    {
        Assert.False(TeamsUrls.IsAllowed(new Uri("/v1/.well-known/keys", UriKind.Relative)));
        Assert.False(TeamsUrls.IsAllowed(null));
    }
}
