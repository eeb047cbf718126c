using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Writing;

/// <summary>The group commit writer's own connection: open for as long as writes succeed, with its statements kept
/// prepared (<see cref="Statements"/>). Closing it disposes them.</summary>
internal sealed class WriterConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>The prepared commands the writer's statements reuse.</summary>
    public StatementCache Statements { get; } = new();

    /// <summary>Whether the connection now runs with <c>synchronous=FULL</c> (as opened) rather than <c>NORMAL</c>.</summary>
    public bool SynchronousFull { get; set; } = true;

    /// <summary>Opens the savepoint of one write (one at a time: each is released before the next opens).</summary>
    public void Savepoint(SqliteTransaction transaction) => Run(transaction, "SAVEPOINT w;");

    /// <summary>Undoes what the write did since its savepoint; the savepoint stays open until released.</summary>
    public void RollbackToSavepoint(SqliteTransaction transaction) => Run(transaction, "ROLLBACK TO SAVEPOINT w;");

    /// <summary>Closes the write's savepoint, keeping whatever it did not roll back.</summary>
    public void ReleaseSavepoint(SqliteTransaction transaction) => Run(transaction, "RELEASE SAVEPOINT w;");

    // Prepared once like every other writer statement, where SqliteTransaction.Save prepares its text each time.
    private void Run(SqliteTransaction transaction, string sql)
    {
        using var command = Statements.Get(this, transaction, sql);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Statements.Dispose();
        base.Dispose(disposing);
    }
}
