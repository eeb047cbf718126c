using System.Net.Sockets;
using IncidentBot.Core.Readiness;

namespace IncidentBot.Host.Readiness;

/// <summary>
/// The readiness report's health probe: resolves each origin's host and sends <c>HEAD /</c> to the origin root, never
/// to a step's or check's own URL, so no deploy or control is ever triggered. Any HTTP answer, whatever its status,
/// counts as answering; DNS failure, refusal and timeout do not.
/// </summary>
internal sealed class EndpointProber(HttpClient http, TimeSpan timeout)
{
    /// <summary>Probes every origin in parallel, each within the timeout.</summary>
    public async Task<IReadOnlyList<EndpointProbe>> ProbeAsync(IEnumerable<string> origins, CancellationToken cancellationToken) =>
        await Task.WhenAll(origins.Distinct(StringComparer.OrdinalIgnoreCase).Select(o => ProbeOneAsync(o, cancellationToken))).ConfigureAwait(false);

    private async Task<EndpointProbe> ProbeOneAsync(string origin, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var uri = new Uri(origin + "/");
        try
        {
            if (uri.HostNameType == UriHostNameType.Dns)
                await System.Net.Dns.GetHostAddressesAsync(uri.DnsSafeHost, limit.Token).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Head, uri);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            return new EndpointProbe(origin, true, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EndpointProbe(origin, false, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException e)
        {
            return new EndpointProbe(origin, false, $"DNS: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new EndpointProbe(origin, false, e.HttpRequestError == HttpRequestError.NameResolutionError ? $"DNS: {e.Message}" : e.Message);
        }
    }
}
