using System.Collections.Concurrent;

namespace IncidentBot.Teams.Tests.Connector;

/// <summary>Counts what the bot's HTTP clients actually sent, to prove a refusal happened before any request.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentQueue<Uri> sent = new();

    public IReadOnlyList<Uri> Sent => sent.ToList();

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(RequestCounter owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner.sent.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
