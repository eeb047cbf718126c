using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace IncidentBot.Integrations.Checks;

/// <summary>
/// The one GET both checks make: through the named pipeline <c>check-poll</c> (a timeout of
/// <see cref="CheckOptions.Timeout"/> around request and body; no retry, since the next poll is the retry).
/// Unreachable and timed-out polls come back as a <see cref="CheckResponse.Problem"/>, not an exception.
/// </summary>
/// <remarks>
/// Stays hand-wired rather than in the client's <c>AddResilienceHandler</c>: the time limit must cover reading the body,
/// and a handler in the client's chain is done when the headers arrive (the request asks for headers first, so that a
/// body over <see cref="CheckOptions.MaxResponseBytes"/> is refused before it is read).
/// </remarks>
internal sealed class CheckHttp
{
    /// <summary>The named <see cref="HttpClient"/> of the checks.</summary>
    public const string ClientName = "IncidentBot.Integrations.Checks";

    private readonly IHttpClientFactory clients;
    private readonly IOptionsMonitor<CheckOptions> options;
    private readonly ResiliencePipeline pipeline;

    public CheckHttp(IHttpClientFactory clients, IOptionsMonitor<CheckOptions> options, TimeProvider time)
    {
        (this.clients, this.options) = (clients, options);
        pipeline = new ResiliencePipelineBuilder { Name = "check-poll", TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(options.CurrentValue.Timeout) })
            .Build();
    }

    public async Task<CheckResponse> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var limit = options.CurrentValue.MaxResponseBytes;
        try
        {
            return await pipeline.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                if (response.Content.Headers.ContentLength > limit)
                    return new CheckResponse((int)response.StatusCode, "", $"response body larger than {limit} bytes");
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                return body.Length > limit
                    ? new CheckResponse((int)response.StatusCode, "", $"response body larger than {limit} bytes")
                    : new CheckResponse((int)response.StatusCode, body, null);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            return CheckResponse.Failed($"timed out after {e.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckResponse.Failed($"unreachable: {e.HttpRequestError}: {e.Message}");
        }
    }
}
