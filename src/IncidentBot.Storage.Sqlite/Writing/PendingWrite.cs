using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Writing;

/// <summary>
/// One write waiting for the store's group commit: it runs inside the batch's transaction under a savepoint of its
/// own, says whether its writes are kept, and learns its result only once the transaction holding it is committed.
/// </summary>
internal abstract class PendingWrite(bool durable, CancellationToken cancellationToken)
{
    /// <summary>True for evidence (and anything acknowledged to a person): its transaction is fsynced before anyone
    /// hears of it. False for the outbox's own bookkeeping (claims, leases, done marks), which the next durable commit
    /// carries to disk: a killed process loses none of it, a power cut may undo it (a message is then sent again).</summary>
    public bool Durable { get; } = durable;

    /// <summary>The caller's token: checked before the write runs and passed to its statements.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs the write on the batch's connection and transaction; true when its writes are to be kept (its
    /// savepoint is released), false when they are to be undone (rolled back to its savepoint).</summary>
    public abstract Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>The batch committed: hands the caller the result its run produced, with the hash of the checkpoint
    /// the transaction wrote (null when it moved no stream).</summary>
    public abstract void Succeed(string? seal);

    /// <summary>The write failed, or the batch holding it did not commit.</summary>
    public abstract void Fail(Exception error);

    /// <summary>The caller gave up before the write ran; nothing of it was written.</summary>
    public abstract void Cancel();
}
