using IncidentBot.TestSupport.Time;
using System.Text;
using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Slack.Tests.Inbound;

/// <summary>Slack's documented worked example (docs.slack.dev "Verifying requests from Slack", PROTOCOLS.md §1).</summary>
public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long Timestamp = 1531420618;
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureVerifier Verifier(long now) =>
        new(Options.Create(new SlackOptions { SigningSecret = Secret, BotToken = "xoxb-test" }),
            new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));

    private static SignatureCheck Verify(long now, StringValues signature, StringValues timestamp, string body = Body) =>
        Verifier(now).Verify(signature, timestamp, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Verify_DocumentedExample_IsValid()
    {
        // Arrange: the body is exactly the documented 362 bytes.
        Assert.Equal(362, Encoding.UTF8.GetByteCount(Body));

        // Act
        var check = Verify(Timestamp, Expected, "1531420618");

        // Assert
        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_TamperedBody_IsRefused()
    {
        var check = Verify(Timestamp, Expected, "1531420618", Body + "------");

        Assert.False(check.IsValid);
        Assert.Contains("does not match", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureOfTheTamperedBodyFromTheDocs_MatchesOnlyThatBody()
    {
        // PROTOCOLS.md §1 gives the signature of Body + "------": it must verify that body, and not the original.
        const string tamperedSignature = "v0=54d12afb4ea9655825354a816a2a8548469aa0da991a1fae65b0ee5bd4f32b6b";

        Assert.True(Verify(Timestamp, tamperedSignature, "1531420618", Body + "------").IsValid);
        Assert.False(Verify(Timestamp, tamperedSignature, "1531420618").IsValid);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(-300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(86_400, false)]
    public void Verify_TimestampSkew_AcceptsExactlyTheWindowInBothDirections(long nowMinusTs, bool valid)
    {
        var check = Verify(Timestamp + nowMinusTs, Expected, "1531420618");

        Assert.Equal(valid, check.IsValid);
        if (!valid) Assert.Contains("window", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "version")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "version prefix")]
    [InlineData("V0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "version")]
    [InlineData("v0=a2114d57", "64 hex")]
    [InlineData("v0=z2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "64 hex")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503", "does not match")]
    public void Verify_WrongVersionOrMalformedSignature_IsRefused(string signature, string reason)
    {
        var check = Verify(Timestamp, signature, "1531420618");

        Assert.False(check.IsValid);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1531420618.5")]
    [InlineData("abc")]
    [InlineData("-1531420618")]
    [InlineData(" 1531420618")]
    [InlineData("99999999999999999999")]
    public void Verify_NonNumericTimestamp_IsRefused(string timestamp)
    {
        var check = Verify(Timestamp, Expected, timestamp);

        Assert.False(check.IsValid);
        Assert.Contains("Unix time", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingHeaders_AreRefusedWithTheirNames()
    {
        var noSignature = Verify(Timestamp, StringValues.Empty, "1531420618");
        var noTimestamp = Verify(Timestamp, Expected, StringValues.Empty);

        Assert.False(noSignature.IsValid);
        Assert.Contains("X-Slack-Signature", noSignature.Reason, StringComparison.Ordinal);
        Assert.False(noTimestamp.IsValid);
        Assert.Contains("X-Slack-Request-Timestamp", noTimestamp.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DuplicateHeaders_AreRefused()
    {
        var twoSignatures = Verify(Timestamp, new StringValues([Expected, Expected]), "1531420618");
        var twoTimestamps = Verify(Timestamp, Expected, new StringValues(["1531420618", "1531420618"]));

        Assert.False(twoSignatures.IsValid);
        Assert.Contains("more than one", twoSignatures.Reason, StringComparison.Ordinal);
        Assert.False(twoTimestamps.IsValid);
        Assert.Contains("more than one", twoTimestamps.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Reasons_NeverContainTheSecretOrTheSignature()
    {
        var reasons = new[]
        {
            Verify(Timestamp, Expected, "1531420618", Body + "x").Reason,
            Verify(Timestamp + 1000, Expected, "1531420618").Reason,
            Verify(Timestamp, "v1=" + Expected[3..], "1531420618").Reason,
        };

        Assert.All(reasons, r => Assert.DoesNotContain(Secret, r, StringComparison.Ordinal));
        Assert.All(reasons, r => Assert.DoesNotContain(Expected[3..], r, StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_NoSecretConfigured_RefusesEverything()
    {
        var verifier = new SlackSignatureVerifier(Options.Create(new SlackOptions()), new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp)));

        var check = verifier.Verify(Expected, "1531420618", Encoding.UTF8.GetBytes(Body));

        Assert.False(check.IsValid);
    }
}
