using System.Threading.Channels;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Tests.Support;

/// <summary>An evidence store whose appends to existing streams wait, in the order they arrive, until the test lets
/// each one through (or fails it), so a test sees what was queued before anything committed.</summary>
internal sealed class HeldStore(InMemoryStore inner) : IEvidenceStore
{
    private readonly Channel<HeldAppend> held = Channel.CreateUnbounded<HeldAppend>();

    /// <summary>The next append that arrived, waiting for the test (failing the test if none arrives within 30 s).</summary>
    public Task<HeldAppend> NextAsync() => held.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public async Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (request.Stream is null) return await inner.AppendAsync(request, cancellationToken);
        var append = new HeldAppend(request);
        held.Writer.TryWrite(append);
        if (await append.Gate.Task is { } failure) throw failure;
        return await inner.AppendAsync(request, cancellationToken);
    }

    public Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(stream, cancellationToken);

    public IAsyncEnumerable<EvidenceEvent> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);
}

/// <summary>One append held by <see cref="HeldStore"/>.</summary>
internal sealed class HeldAppend(AppendRequest request)
{
    public AppendRequest Request { get; } = request;

    public TaskCompletionSource<Exception?> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the append through to the real store.</summary>
    public void Release() => Gate.SetResult(null);

    /// <summary>Fails the append with <paramref name="failure"/>, as a store that could not commit it.</summary>
    public void Fail(Exception failure) => Gate.SetResult(failure);
}
