using System.Net;
using IncidentBot.Teams.Connector;
using Polly.Timeout;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class TeamsResilienceTests
{
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(3);

    private static ConnectorAttempt Post(bool sent) => new(idempotent: false) { Sent = sent };

    private static ConnectorAttempt Put(bool sent) => new(idempotent: true) { Sent = sent };

    [Fact]
    public void ShouldRetry_TimeoutOfPostNotYetSent_True() => Assert.True(TeamsResilience.ShouldRetry(new TimeoutRejectedException(), Post(sent: false), Max));

    [Fact]
    public void ShouldRetry_TimeoutOfPostAfterSending_False() => Assert.False(TeamsResilience.ShouldRetry(new TimeoutRejectedException(), Post(sent: true), Max));

    [Fact]
    public void ShouldRetry_TimeoutOfPutAfterSending_True() => Assert.True(TeamsResilience.ShouldRetry(new TimeoutRejectedException(), Put(sent: true), Max));

    [Fact]
    public void ShouldRetry_TimeoutWithoutAttemptInfo_False() => Assert.False(TeamsResilience.ShouldRetry(new TimeoutRejectedException(), null, Max));

    [Fact]
    public void ShouldRetry_BrokenConnectionAfterPostLeft_False() =>
        Assert.False(TeamsResilience.ShouldRetry(new TeamsApiException("SendToConversation", "transport", null, true, outcomeUnknown: true), Post(sent: true), Max));

    [Fact]
    public void ShouldRetry_BrokenConnectionAfterPutLeft_True() =>
        Assert.True(TeamsResilience.ShouldRetry(new TeamsApiException("UpdateActivity", "transport", null, true, outcomeUnknown: true), Put(sent: true), Max));

    [Fact]
    public void ShouldRetry_ConnectionRefusedOnPost_True() =>
        Assert.True(TeamsResilience.ShouldRetry(new TeamsApiException("SendToConversation", "transport", null, true, outcomeUnknown: false), Post(sent: true), Max));

    [Theory]
    [InlineData(412)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void ShouldRetry_TransientStatusOnPost_True(int status) =>
        Assert.True(TeamsResilience.ShouldRetry(new TeamsApiException("SendToConversation", "x", (HttpStatusCode)status, true), Post(sent: true), Max));

    [Fact]
    public void ShouldRetry_ThrottledWithinCap_True() =>
        Assert.True(TeamsResilience.ShouldRetry(new TeamsApiException("SendToConversation", "Throttled", HttpStatusCode.TooManyRequests, true, TimeSpan.FromSeconds(3)), Post(sent: true), Max));

    [Fact]
    public void ShouldRetry_ThrottledBeyondCap_False() =>
        Assert.False(TeamsResilience.ShouldRetry(new TeamsApiException("SendToConversation", "Throttled", HttpStatusCode.TooManyRequests, true, TimeSpan.FromSeconds(4)), Post(sent: true), Max));

    [Fact]
    public void ShouldRetry_NotFound_False() =>
        Assert.False(TeamsResilience.ShouldRetry(new TeamsApiException("UpdateActivity", "NotFound", HttpStatusCode.NotFound, false), Put(sent: true), Max));

    [Fact]
    public void ShouldRetry_CallerCancelled_False() => Assert.False(TeamsResilience.ShouldRetry(new OperationCanceledException(), Put(sent: true), Max));
}
