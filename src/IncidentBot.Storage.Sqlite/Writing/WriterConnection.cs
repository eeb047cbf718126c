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

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Statements.Dispose();
        base.Dispose(disposing);
    }
}
