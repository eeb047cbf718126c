using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Writing;

/// <summary>A <see cref="PendingWrite"/> whose work produces a <typeparamref name="T"/>, awaited through
/// <see cref="Task"/>.</summary>
/// <param name="work">The statements, run in the batch's transaction.</param>
/// <param name="keep">Whether the result's writes are kept (an append that met a duplicate or a conflict is not).</param>
/// <param name="seal">Gives the result the transaction's checkpoint hash (an append's seal); null to leave it as is.</param>
/// <param name="durable">See <see cref="PendingWrite.Durable"/>.</param>
/// <param name="cancellationToken">The caller's token.</param>
internal sealed class PendingWriteOf<T>(
    Func<SqliteConnection, SqliteTransaction, Task<T>> work,
    Func<T, bool> keep,
    Func<T, string, T>? seal,
    bool durable,
    CancellationToken cancellationToken) : PendingWrite(durable, cancellationToken)
{
    // Continuations run off the writer loop, so one caller's continuation never delays the next batch.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    /// <summary>Completes after the commit that holds this write (or with its failure).</summary>
    public Task<T> Task => _done.Task;

    /// <inheritdoc />
    public override async Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        _result = await work(connection, transaction).ConfigureAwait(false);
        return keep(_result);
    }

    /// <inheritdoc />
    public override void Succeed(string? checkpoint) =>
        _done.TrySetResult(seal is not null && checkpoint is not null ? seal(_result!, checkpoint) : _result!);

    /// <inheritdoc />
    public override void Fail(Exception error) => _done.TrySetException(error);

    /// <inheritdoc />
    public override void Cancel() => _done.TrySetCanceled(CancellationToken);
}
