using IncidentBot.TestSupport.Time;
using System.Net;
using System.Net.Http.Headers;
using IncidentBot.Teams.Connector;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class ConnectorResponsesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfterOf_Seconds_ThatLong()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)) } };

        Assert.Equal(TimeSpan.FromSeconds(2), ConnectorResponses.RetryAfterOf(response, new ManualTimeProvider(Now)));
    }

    [Fact]
    public void RetryAfterOf_HttpDate_UntilThatDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "Sun, 01 Mar 2026 09:00:07 GMT");

        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorResponses.RetryAfterOf(response, new ManualTimeProvider(Now)));
    }

    [Fact]
    public void RetryAfterOf_DateInThePast_Zero()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-1)) } };

        Assert.Equal(TimeSpan.Zero, ConnectorResponses.RetryAfterOf(response, new ManualTimeProvider(Now)));
    }

    [Fact]
    public void RetryAfterOf_NoHeader_Null()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(ConnectorResponses.RetryAfterOf(response, new ManualTimeProvider(Now)));
    }

    [Theory]
    [InlineData("ConversationNotFound", "ConversationNotFound")]
    [InlineData("invalid_client", "invalid_client")]
    [InlineData(null, "http_404")]
    [InlineData("", "http_404")]
    [InlineData("has spaces and\nnewlines", "http_404")]
    [InlineData("Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature-that-is-long-enough", "http_404")]
    public void CodeOr_Candidate_KeptOnlyWhenItLooksLikeACode(string? candidate, string expected) =>
        Assert.Equal(expected, ConnectorResponses.CodeOr(candidate, HttpStatusCode.NotFound));
}
