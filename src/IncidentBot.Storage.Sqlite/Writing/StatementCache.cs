using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Writing;

/// <summary>The writer connection's prepared commands by SQL text (a few dozen texts, all written in this assembly).</summary>
internal sealed class StatementCache : IDisposable
{
    private readonly Dictionary<string, ReusedCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/> on <paramref name="connection"/>, with no parameters bound and
    /// enlisted in <paramref name="transaction"/>.</summary>
    public SqliteCommand Get(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = new ReusedCommand(sql, connection);
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Disposes every command.</summary>
    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Release();
        _commands.Clear();
    }
}
