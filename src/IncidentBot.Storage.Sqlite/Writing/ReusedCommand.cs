using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Writing;

/// <summary>
/// A command kept prepared on the writer's connection and reused by every write with the same text, so a write does
/// not parse and plan its statements again. Disposing it after a use (as every runner does) keeps it; only
/// <see cref="StatementCache"/> really disposes it, when the writer's connection closes.
/// </summary>
internal sealed class ReusedCommand : SqliteCommand
{
    private bool _released;

    /// <summary>A command on <paramref name="connection"/> with this text.</summary>
    public ReusedCommand(string sql, SqliteConnection connection) : base(sql, connection)
    {
    }

    /// <summary>Disposes the command for good (its prepared statements are finalized).</summary>
    public void Release()
    {
        _released = true;
        Dispose();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_released) base.Dispose(disposing);
        else if (disposing) Parameters.Clear();
    }
}
