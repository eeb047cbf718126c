using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace IncidentBot.Storage.Postgres;

/// <summary>Terse command building: <c>connection.Sql(tx, "... @a ...").With("a", a)</c>, then one of the runners.
/// Every value travels as a parameter; no SQL text is ever built from data.</summary>
internal static class PostgresCommandExtensions
{
    /// <summary>A command with this text, enlisted in <paramref name="transaction"/> when there is one.</summary>
    public static NpgsqlCommand Sql(this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) =>
        new(sql, connection, transaction);

    /// <summary>Adds a parameter; null becomes SQL NULL. Strings (and nulls without <paramref name="type"/>) are text.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value, NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter(name, value ?? DBNull.Value);
        if (type is { } given) parameter.NpgsqlDbType = given;
        else if (value is null or string) parameter.NpgsqlDbType = NpgsqlDbType.Text;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Runs a statement and disposes the command; returns the number of rows changed.</summary>
    public static async Task<int> RunAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            try
            {
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (NpgsqlException e)
            {
                throw PostgresStore.Unavailable(e);
            }
        }
    }

    /// <summary>The first column of the first row (default when there is no row or it is NULL); disposes the command.</summary>
    public static async Task<T?> ScalarAsync<T>(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            object? value;
            try
            {
                value = await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (NpgsqlException e)
            {
                throw PostgresStore.Unavailable(e);
            }
            return value is null or DBNull
                ? default
                : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Maps every row of a query; disposes the command.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map,
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
            catch (NpgsqlException e)
            {
                throw PostgresStore.Unavailable(e);
            }
        }
    }
}
