using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// The real <c>POST /api/messages</c> of a running bot refuses every request the Bot Framework connector could not
/// have sent, and a refused request changes nothing: no incident, no evidence event, no call to the connector (not
/// even for a token). The body is always a valid <c>declare</c> from alice, so a request accepted by mistake would
/// visibly declare an incident; <see cref="Messages_GoodToken_DeclaresAnIncident"/> shows that it does.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsMessagesRefusalTests : IAsyncLifetime
{
    private const string ChannelId = "19:refusals0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2";
    private TeamsBot bot = null!;
    private TeamsChannel channel = null!;

    /// <summary>Each bad token, and the reason the bot must log for it (so each case proves its own check).</summary>
    public static TheoryData<string, string> BadTokens => new()
    {
        { "no Authorization header", "missing Authorization header" },
        { "wrong issuer", "wrong issuer" },
        { "wrong audience", "wrong audience" },
        { "expired more than 5 minutes ago", "the token expired more than 5 minutes ago" },
        { "not valid for more than 5 minutes yet", "the token is not valid for more than 5 minutes yet" },
        { "no serviceurl claim", "the token has no serviceurl claim" },
        { "serviceurl claim differs from the activity's serviceUrl", "the activity's serviceUrl differs from the token's serviceurl claim" },
        { "signing key not endorsed for msteams", "the signing key is not endorsed for channel 'msteams'" },
        { "signing key the Bot Framework does not publish", "the signing key is not one the Bot Framework publishes" },
        { "HS256 signed with the public key", "algorithm HS256 is not allowed" },
        { "alg none", "algorithm none is not allowed" },
        { "lowercase bearer scheme", "the Authorization scheme is not Bearer" },
    };

    public async Task InitializeAsync()
    {
        bot = await TeamsBot.StartAsync();
        channel = bot.Channel(ChannelId);
    }

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Messages_BadToken_IsRefused401AndChangesNothing(string badToken, string reason)
    {
        // Arrange
        var before = await bot.AllEventsAsync();
        var declare = Declare();
        var authorization = Authorization(badToken);

        // Act
        using var response = await channel.PostAsync(declare, authorization);

        // Assert: refused for this reason, not another; nothing changed.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(bot.Logs.Lines, l => l.EventId is 7100 or 7101 && l.Text.Contains("(401): " + reason, StringComparison.Ordinal));
        await AssertNothingChangedAsync(before);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_BodyOver64KiBWithGoodToken_IsRefused413AndChangesNothing(bool withContentLength)
    {
        // Arrange: a valid declaration, padded past the limit.
        var before = await bot.AllEventsAsync();
        var declare = Declare();
        declare["padding"] = new string('x', 65 * 1024);
        var bytes = Encoding.UTF8.GetBytes(declare.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsChannel.MessagesPath)
        {
            // Without a length HttpClient sends the body chunked: the limit must hold while reading, too.
            Content = withContentLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bot.Tokens.Good());

        // Act
        using var response = await bot.Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingChangedAsync(before);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":\"<at>IncidentBot</at> declare Refunds")]
    [InlineData("[\"message\"]")]
    [InlineData("{\"text\":\"<at>IncidentBot</at> declare Refunds failing sev2\",\"conversation\":{\"id\":\"19:x@thread.tacv2\"}}")]
    [InlineData("{\"type\":\"message\",\"text\":\"<at>IncidentBot</at> declare Refunds failing sev2\"}")]
    [InlineData("not json at all")]
    public async Task Messages_MalformedBodyWithGoodToken_IsRefused400AndChangesNothing(string body)
    {
        // Arrange
        var before = await bot.AllEventsAsync();

        // Act
        using var response = await bot.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, TeamsChannel.MessagesPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Headers = { { "Authorization", "Bearer " + bot.Tokens.Good() } },
        });

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task Messages_GoodToken_DeclaresAnIncident()
    {
        // Arrange
        var declare = Declare();

        // Act
        using var response = await channel.PostAsync(declare);

        // Assert: the same body the refusals carried declares, and the root card is posted.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await bot.IncidentsAsync()).EnumerateArray());
        Assert.Single(await bot.Connector.Transcript.WaitForAsync(calls => calls.Count >= 1, TimeSpan.FromSeconds(30), "the root card"));
    }

    private JsonObject Declare() =>
        channel.Message(TeamsPeople.Alice, "declare Refunds failing sev2 service=support-assistant runbook=ai-assistant-drift");

    /// <summary>The <c>Authorization</c> header for one of <see cref="BadTokens"/> (null: none at all).</summary>
    private string? Authorization(string badToken)
    {
        var tokens = bot.Tokens;
        var keys = bot.Keys;
        var good = tokens.Claims();
        var now = DateTimeOffset.UtcNow;
        return badToken switch
        {
            "no Authorization header" => null,
            "wrong issuer" => Bearer(tokens.Mint(good with { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" })),
            "wrong audience" => Bearer(tokens.Mint(good with { Audience = "11111111-2222-4333-8444-555555555555" })),
            "expired more than 5 minutes ago" => Bearer(tokens.Mint(good with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-6) })),
            "not valid for more than 5 minutes yet" => Bearer(tokens.Mint(good with { NotBefore = now.AddMinutes(6), Expires = now.AddHours(1) })),
            "no serviceurl claim" => Bearer(tokens.Mint(good with { ServiceUrl = null })),
            "serviceurl claim differs from the activity's serviceUrl" => Bearer(tokens.Mint(good with { ServiceUrl = BotFrameworkTokenClaims.DefaultServiceUrl })),
            "signing key not endorsed for msteams" => Bearer(tokens.Mint(good, keys.SkypeOnly)),
            "signing key the Bot Framework does not publish" => Bearer(tokens.Mint(good, keys.Unpublished)),
            "HS256 signed with the public key" => Bearer(tokens.Remember(BotFrameworkTokenMinter.MintHs256(keys.Teams.PublicKeyBytes, good, keys.Teams.KeyId))),
            "alg none" => Bearer(tokens.Remember(BotFrameworkTokenMinter.MintUnsigned(good, keys.Teams.KeyId))),
            "lowercase bearer scheme" => "bearer " + tokens.Good(),
            _ => throw new ArgumentOutOfRangeException(nameof(badToken), badToken, "not a known bad token"),
        };
    }

    private static string Bearer(string token) => "Bearer " + token;

    /// <summary>No incident, no new event in any stream, nothing sent to the Bot Framework (not even a token request),
    /// and no token in the logs.</summary>
    private async Task AssertNothingChangedAsync(IReadOnlyList<IncidentBot.Core.Evidence.EvidenceEvent> before)
    {
        Assert.Empty((await bot.IncidentsAsync()).EnumerateArray());
        var after = await bot.AllEventsAsync();
        Assert.Equal(before.Select(e => e.Hash), after.Select(e => e.Hash));
        Assert.Empty(bot.Connector.Requests);
        Assert.Equal(0, bot.Connector.Transcript.Count);
        // A refusal is logged with its reason only: never the token that was refused.
        Assert.All(bot.Tokens.Minted, t => Assert.DoesNotContain(t.Split('.')[^1] is { Length: > 0 } signature ? signature : t, bot.Logs.AllText, StringComparison.Ordinal));
    }
}
