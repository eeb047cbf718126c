namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// Holds token requests until <see cref="Release"/> (see <see cref="ConnectorStandIn.HoldTokenRequests"/>), so a test
/// can pile callers up on one request. <see cref="Arrived"/> completes when the first held request is in.
/// </summary>
public sealed class TokenEndpointStandInGate
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a token request is waiting at the gate.</summary>
    public Task Arrived => arrived.Task;

    /// <summary>Lets every held and later request through.</summary>
    public void Release() => released.TrySetResult();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        arrived.TrySetResult();
        await released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
