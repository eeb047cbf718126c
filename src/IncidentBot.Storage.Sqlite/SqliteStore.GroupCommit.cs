using System.Threading.Channels;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>The most writes one transaction holds; more queued writes go into the next one.</summary>
    internal const int MaxWritesPerCommit = 256;

    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Lock _writerStart = new();
    private Task? _writerLoop;
    private WriterConnection? _writer;
    private readonly MovedHeads _moved = new();
    private long _commits;
    private long _committedWrites;

    /// <summary>Transactions the group commit has committed, and the writes they held (for the bench and tests).</summary>
    public (long Commits, long Writes) GroupCommitStats => (Interlocked.Read(ref _commits), Interlocked.Read(ref _committedWrites));

    /// <summary>
    /// Queues <paramref name="work"/> for the single writer and waits for the commit that holds it. The writer takes
    /// every write queued meanwhile into one <c>BEGIN IMMEDIATE</c> transaction, runs each under its own savepoint
    /// (a write that fails or is not kept is undone alone), writes one signed checkpoint over every head the kept
    /// appends moved, commits once — one WAL fsync for all of them — and only then hands each caller its result.
    /// Writes run in the order they were queued.
    /// </summary>
    /// <param name="work">The statements; they see the writes queued before them, committed or in the same batch.</param>
    /// <param name="keep">Whether the result's writes are kept; false rolls them back to the write's savepoint.</param>
    /// <param name="seal">Gives the result the hash of the checkpoint its transaction wrote; null for a write that
    /// does not care.</param>
    /// <param name="durable">See <see cref="PendingWrite.Durable"/>: evidence always is.</param>
    /// <param name="cancellationToken">Checked before the write runs; a write already run is committed with its batch.</param>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, Func<T, bool> keep,
        Func<T, string, T>? seal, bool durable, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var pending = new PendingWriteOf<T>(work, keep, seal, durable, cancellationToken);
        StartWriter();
        if (!_writes.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteStore));
        return pending.Task;
    }

    /// <summary>The outbox's bookkeeping (claims, leases, done marks): always kept, no evidence, not durable on its own
    /// (<see cref="PendingWrite.Durable"/>).</summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, static _ => true, null, durable: false, cancellationToken);

    private void StartWriter()
    {
        if (Volatile.Read(ref _writerLoop) is not null) return;
        lock (_writerStart)
        {
            if (_writerLoop is not null) return;
            // The loop outlives the write that starts it: it must not keep that caller's context (its span would
            // become the parent of everything the loop ever does).
            using (ExecutionContext.SuppressFlow())
                _writerLoop = Task.Run(WriterLoopAsync);
        }
    }

    private async Task WriterLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxWritesPerCommit && _writes.Reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested) write.Cancel();
                else batch.Add(write);
            }
            if (batch.Count == 0) continue;
            try
            {
                await CommitBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // CommitBatchAsync answers every write itself; this only guards the loop against the unforeseen.
                foreach (var write in batch) write.Fail(e);
            }
            batch.Clear();
        }
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var connection = _writer ??= await OpenWriterAsync().ConfigureAwait(false);
            SqliteTransaction transaction;
            try
            {
                // A transaction of bookkeeping alone is not fsynced; one holding evidence is, and with it everything
                // committed before it (WAL frames reach the disk in order).
                var durable = batch.Exists(w => w.Durable);
                if (durable != connection.SynchronousFull)
                {
                    connection.Sql(null, durable ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;").ExecuteNonQuery();
                    connection.SynchronousFull = durable;
                }
                transaction = connection.BeginTransaction(deferred: false);
            }
            catch (SqliteException e)
            {
                FailAll(batch, Unavailable(e));
                CloseWriter();
                return;
            }
            await using (transaction)
            {
                var ran = new List<PendingWrite>(batch.Count);
                _moved.Clear();
                for (var i = 0; i < batch.Count; i++)
                {
                    var write = batch[i];
                    connection.Savepoint(transaction);
                    try
                    {
                        var kept = await write.RunAsync(connection, transaction).ConfigureAwait(false);
                        if (kept) _moved.Accept();
                        else
                        {
                            _moved.Discard();
                            connection.RollbackToSavepoint(transaction);
                        }
                        connection.ReleaseSavepoint(transaction);
                        ran.Add(write);
                    }
                    catch (Exception e)
                    {
                        _moved.Discard();
                        try
                        {
                            connection.RollbackToSavepoint(transaction);
                            connection.ReleaseSavepoint(transaction);
                        }
                        catch (SqliteException broken)
                        {
                            // SQLite ended the transaction itself (a full disk, an I/O error): nothing of the batch
                            // is written, so none of it may be acknowledged.
                            write.Fail(e is SqliteException s ? Unavailable(s) : e);
                            FailAll(ran, Unavailable(broken));
                            FailAll(batch.Skip(i + 1), Unavailable(broken));
                            CloseWriter();
                            return;
                        }
                        write.Fail(e is SqliteException failed ? Unavailable(failed) : e);
                    }
                }
                string? seal = null;
                try
                {
                    // One signed checkpoint for the whole transaction, over every head its appends moved.
                    if (_moved.Any)
                        seal = (await WriteCheckpointAsync(connection, transaction, _moved.Heads, _moved.DeliveriesAdded,
                            _moved.RunbooksAdded, CancellationToken.None).ConfigureAwait(false)).Hash;
                    transaction.Commit();
                }
                catch (Exception e) when (e is SqliteException or StoreUnavailableException)
                {
                    FailAll(ran, e is SqliteException s ? Unavailable(s) : e);
                    CloseWriter();
                    return;
                }
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _committedWrites, ran.Count);
                foreach (var write in ran) write.Succeed(seal);
            }
        }
        catch (StoreUnavailableException e)
        {
            FailAll(batch, e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes the writer's connection after a failed transaction; the next batch opens a fresh one.</summary>
    /// <summary>
    /// Opens the writer's connection. Its savepoints keep their undo pages in memory (<c>temp_store = MEMORY</c>):
    /// on disk, SQLite's sub-journal grows across a batch's savepoints and, once past 64 KiB, spills every page it
    /// keeps into a new file under <c>/var/tmp</c>, which cost the writer more than the fsync of the commit.
    /// </summary>
    private async Task<WriterConnection> OpenWriterAsync()
    {
        var connection = await OpenAsync(new WriterConnection(_connectionString), CancellationToken.None).ConfigureAwait(false);
        try
        {
            connection.Sql(null, "PRAGMA temp_store = MEMORY;").ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Unavailable(e);
        }
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private static void FailAll(IEnumerable<PendingWrite> writes, Exception error)
    {
        foreach (var write in writes) write.Fail(error);
    }

    /// <summary>Lets the writer finish what is queued, then stops it.</summary>
    private void StopWriter()
    {
        _writes.Writer.TryComplete();
        Task? loop;
        lock (_writerStart) loop = _writerLoop;
        loop?.GetAwaiter().GetResult();
        CloseWriter();
    }
}
