using IncidentBot.Teams.Connector;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class ConnectorUrlsTests
{
    private const string PersonalChat = "a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6GtieTJX663WuJCc1uA83n4CSrHSgGBj5XNYLcVlJAs2ZX8DbYBPck201w-";

    // The golden URLs of PROTOCOLS.md section 9.
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype;messageid=1481567603816", "1481567603816",
        "https://smba.trafficmanager.net/amer/v3/conversations/19%3Aaebd0ad4d6ab42c8b9ed19c251c2fc37%40thread.skype%3Bmessageid%3D1481567603816/activities/1481567603816")]
    [InlineData("https://smba.trafficmanager.net/teams", PersonalChat, "1485983408511",
        "https://smba.trafficmanager.net/teams/v3/conversations/a%3A17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6GtieTJX663WuJCc1uA83n4CSrHSgGBj5XNYLcVlJAs2ZX8DbYBPck201w-/activities/1485983408511")]
    [InlineData("https://smba.trafficmanager.net/teams/", "19:ja0cu120i1jod12j@skype.net", "012ujdo0128",
        "https://smba.trafficmanager.net/teams/v3/conversations/19%3Aja0cu120i1jod12j%40skype.net/activities/012ujdo0128")]
    public void Activities_GoldenIds_EscapedLikeTheSdk(string serviceUrl, string conversationId, string activityId, string expected)
    {
        var url = ConnectorUrls.Activities(new Uri(serviceUrl), conversationId, activityId);

        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Fact]
    public void Activities_NoActivityId_EndsAtActivities()
    {
        var url = ConnectorUrls.Activities(new Uri("https://smba.trafficmanager.net/emea"), "19:ja0cu120i1jod12j@skype.net", null);

        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations/19%3Aja0cu120i1jod12j%40skype.net/activities", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    [InlineData("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("http://127.0.0.1:5000/teams/")]
    [InlineData("http://127.8.9.10/teams/")]
    [InlineData("http://[::1]:5000/teams/")]
    [InlineData("http://localhost:5000/teams/")]
    public void IsAllowed_HttpsOrLoopbackHttp_True(string url) => Assert.True(ConnectorUrls.IsAllowed(new Uri(url)));

    [Theory]
    [InlineData("http://smba.trafficmanager.net/teams/")]
    [InlineData("http://10.0.0.5/teams/")]
    [InlineData("http://128.0.0.1/teams/")]
    [InlineData("http://localhost.evil.example/teams/")]
    [InlineData("http://[::2]/teams/")]
    [InlineData("ftp://127.0.0.1/teams/")]
    [InlineData("https://user:secret@smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net/teams/?x=1")]
    [InlineData("https://smba.trafficmanager.net/teams/#top")]
    public void IsAllowed_AnythingElse_False(string url) => Assert.False(ConnectorUrls.IsAllowed(new Uri(url)));

    [Fact]
    public void IsAllowed_RelativeUrl_False() => Assert.False(ConnectorUrls.IsAllowed(new Uri("/teams/", UriKind.Relative)));
}
