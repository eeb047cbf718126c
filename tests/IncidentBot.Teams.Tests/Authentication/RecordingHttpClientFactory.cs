using System.Collections.Concurrent;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>An <see cref="IHttpClientFactory"/> over real sockets that records every request URL and client name,
/// so a test can assert that nothing at all was sent (even to a host no stand-in listens on).</summary>
internal sealed class RecordingHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly Recorder handler;

    public RecordingHttpClientFactory() => handler = new Recorder(this) { InnerHandler = new SocketsHttpHandler() };

    public ConcurrentQueue<Uri> Requests { get; } = new();

    public ConcurrentQueue<string> ClientNames { get; } = new();

    public HttpClient CreateClient(string name)
    {
        ClientNames.Enqueue(name);
        return new HttpClient(handler, disposeHandler: false);
    }

    public void Dispose() => handler.Dispose();

    private sealed class Recorder(RecordingHttpClientFactory owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner.Requests.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
