namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// The connector calls a <see cref="ConnectorStandIn"/> accepted, in arrival order; thread-safe. Queries answer the
/// questions an end-to-end test asks of a chat: what was posted at the root, what was replied to a message, how a
/// message was updated. <see cref="WaitForAsync"/> waits on arrivals, never by polling.
/// </summary>
public sealed class ConnectorStandInTranscript
{
    private readonly Lock gate = new();
    private readonly List<ConnectorStandInCall> calls = [];
    private readonly List<(Func<IReadOnlyList<ConnectorStandInCall>, bool> Done, TaskCompletionSource Signal)> waiters = [];

    /// <summary>A snapshot of every accepted call, in order.</summary>
    public IReadOnlyList<ConnectorStandInCall> Calls
    {
        get { lock (gate) return calls.ToList(); }
    }

    /// <summary>How many calls were accepted so far.</summary>
    public int Count
    {
        get { lock (gate) return calls.Count; }
    }

    /// <summary>New messages posted at a conversation's root (no <c>;messageid=</c>), optionally in one channel or chat.</summary>
    public IReadOnlyList<ConnectorStandInCall> RootMessages(string? conversationId = null) =>
        Calls.Where(c => c.Kind == ConnectorStandInCallKind.Send && c.ThreadRootId is null
                         && (conversationId is null || c.ConversationId == conversationId)).ToList();

    /// <summary>Messages answering <paramref name="activityId"/>: replies to it, and posts into the channel thread whose
    /// root it is (<c>;messageid={activityId}</c>).</summary>
    public IReadOnlyList<ConnectorStandInCall> RepliesTo(string activityId) =>
        Calls.Where(c => (c.Kind == ConnectorStandInCallKind.Reply && c.ReplyToId == activityId)
                         || (c.Kind == ConnectorStandInCallKind.Send && c.ThreadRootId == activityId)).ToList();

    /// <summary>Every replacement of <paramref name="activityId"/>, oldest first.</summary>
    public IReadOnlyList<ConnectorStandInCall> UpdatesOf(string activityId) =>
        Calls.Where(c => c.Kind == ConnectorStandInCallKind.Update && c.ActivityId == activityId).ToList();

    /// <summary>What <paramref name="activityId"/> shows now: its last update, else the post that created it, else null.</summary>
    public ConnectorStandInCall? Current(string activityId) =>
        Calls.LastOrDefault(c => c.ActivityId == activityId);

    /// <summary>Waits until <paramref name="count"/> calls were accepted; returns them. Throws <see cref="TimeoutException"/>
    /// naming what did arrive when <paramref name="timeout"/> passes first.</summary>
    public Task<IReadOnlyList<ConnectorStandInCall>> WaitForCallsAsync(int count, TimeSpan timeout) =>
        WaitForAsync(all => all.Count >= count, timeout, $"{count} accepted connector calls");

    /// <summary>Waits until <paramref name="done"/> holds for the accepted calls (checked now and on every arrival).</summary>
    public async Task<IReadOnlyList<ConnectorStandInCall>> WaitForAsync(Func<IReadOnlyList<ConnectorStandInCall>, bool> done, TimeSpan timeout, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(done);
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (done(calls)) return calls.ToList();
            waiters.Add((done, signal));
        }
        try
        {
            await signal.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (gate) waiters.RemoveAll(w => w.Signal == signal);
            var seen = string.Join(", ", Calls.Select(c => $"{c.Kind} {c.ConversationId}/{c.ActivityId}"));
            throw new TimeoutException($"Waited {timeout} for {what ?? "a condition on connector calls"}; accepted so far: [{seen}]");
        }
        return Calls;
    }

    internal ConnectorStandInCall Add(Func<int, ConnectorStandInCall> create)
    {
        List<TaskCompletionSource> ready;
        ConnectorStandInCall call;
        lock (gate)
        {
            call = create(calls.Count + 1);
            calls.Add(call);
            ready = waiters.Where(w => w.Done(calls)).Select(w => w.Signal).ToList();
            waiters.RemoveAll(w => ready.Contains(w.Signal));
        }
        foreach (var signal in ready) signal.TrySetResult();
        return call;
    }
}
