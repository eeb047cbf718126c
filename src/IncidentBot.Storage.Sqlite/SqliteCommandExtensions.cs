using System.Globalization;
using IncidentBot.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

/// <summary>Terse command building: <c>connection.Sql(tx, "...").With("$a", a)</c>, then one of the runners.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>A command with this text, enlisted in <paramref name="transaction"/> when there is one; on the group
    /// commit writer's connection, its kept prepared command for the text.</summary>
    public static SqliteCommand Sql(this SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        if (connection is WriterConnection writer) return writer.Statements.Get(writer, transaction, sql);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds a parameter; null becomes SQL NULL.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Runs a statement and disposes the command; returns the number of rows changed.</summary>
    public static async Task<int> RunAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            try
            {
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                throw SqliteStore.Unavailable(e);
            }
        }
    }

    /// <summary>The first column of the first row (default when there is no row or it is NULL); disposes the command.</summary>
    public static async Task<T?> ScalarAsync<T>(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            object? value;
            try
            {
                value = await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                throw SqliteStore.Unavailable(e);
            }
            return value is null or DBNull
                ? default
                : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Maps every row of a query; disposes the command.</summary>
    public static async Task<List<T>> ListAsync<T>(this SqliteCommand command, Func<SqliteDataReader, T> map,
        CancellationToken cancellationToken)
    {
        await using (command)
        {
            try
            {
                var rows = new List<T>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
                return rows;
            }
            catch (SqliteException e)
            {
                throw SqliteStore.Unavailable(e);
            }
        }
    }
}
