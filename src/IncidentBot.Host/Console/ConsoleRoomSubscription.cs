using System.Threading.Channels;

namespace IncidentBot.Host.Console;

/// <summary>One open stream's place in the room: the entries not yet written to it, at most
/// <see cref="ConsoleRoomOptions.BufferedEntries"/>. Disposing it leaves the room.</summary>
public sealed class ConsoleRoomSubscription : IDisposable
{
    private readonly ConsoleRoom room;
    private readonly Channel<ConsoleRoomEntry> pending;
    private readonly CancellationTokenSource dropped = new();

    internal ConsoleRoomSubscription(ConsoleRoom room, int capacity)
    {
        this.room = room;
        pending = Channel.CreateBounded<ConsoleRoomEntry>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>New entries, in order. Completes when the stream was dropped for falling behind.</summary>
    public ChannelReader<ConsoleRoomEntry> Entries => pending.Reader;

    /// <summary>Cancelled when the stream was dropped for falling behind, so a write stuck on a stalled client ends too.</summary>
    public CancellationToken Dropped => dropped.Token;

    /// <summary>Called under the room's lock: false when the buffer is full (the caller drops this subscription).</summary>
    internal bool TryPush(ConsoleRoomEntry entry) => pending.Writer.TryWrite(entry);

    internal void Drop()
    {
        pending.Writer.TryComplete();
        // Called under the room's lock: the stream's cancelled write must not run its continuation in here.
        _ = dropped.CancelAsync();
    }

    /// <inheritdoc />
    // The token source has no timer, so it holds nothing once the stream's linked sources are disposed; not disposing it
    // avoids racing the asynchronous cancellation above.
    public void Dispose() => room.Leave(this);
}
