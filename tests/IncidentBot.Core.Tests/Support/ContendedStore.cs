using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Tests.Support;

/// <summary>An evidence store that answers the next <see cref="ConflictsLeft"/> appends to an existing stream with a
/// sequence conflict, as when another process keeps writing to the incident first.</summary>
internal sealed class ContendedStore(InMemoryStore inner) : IEvidenceStore
{
    public int ConflictsLeft { get; set; }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (request.Stream is not null && request.ExpectedSeq != AppendRequest.AnySeq && ConflictsLeft > 0)
        {
            ConflictsLeft--;
            return Task.FromResult<AppendOutcome>(new AppendOutcome.Conflict(request.ExpectedSeq + 1));
        }
        return inner.AppendAsync(request, cancellationToken);
    }

    public Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(stream, cancellationToken);

    public IAsyncEnumerable<EvidenceEvent> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);
}
