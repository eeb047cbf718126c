namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// Holds connector calls (see <see cref="ConnectorStandIn.HoldCalls"/>) before they are accepted: a held call is not in
/// the transcript until <see cref="Release"/>, and a call whose client hangs up while held (a bot killed mid-delivery)
/// is never accepted at all, exactly as if the connector had not received it. Thread-safe.
/// </summary>
public sealed class ConnectorStandInHold
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first call is being held.</summary>
    public Task Arrived => arrived.Task;

    /// <summary>Completes when the client of a held call hung up (the call was dropped, not accepted).</summary>
    public Task Abandoned => abandoned.Task;

    /// <summary>Lets every held and later call through (each is then faulted or accepted as usual).</summary>
    public void Release() => released.TrySetResult();

    /// <summary>Waits at the hold; false when the client hung up first.</summary>
    internal async Task<bool> WaitAsync(CancellationToken requestAborted)
    {
        arrived.TrySetResult();
        try
        {
            await released.Task.WaitAsync(requestAborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            abandoned.TrySetResult();
            return false;
        }
    }
}
