using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Support;

/// <summary>Minimal evidence rows written straight into the tables, as the schema tests need them.</summary>
internal static class Rows
{
    public static async Task<int> InsertEventAsync(NpgsqlConnection connection, string stream, long seq)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO events (stream, seq, event_id, type, actor, surface, occurred_utc, payload, runbook_version,
                                prev_hash, hash)
            VALUES ($1, $2, $3, 'IncidentDeclared', 'U1', 'console', '2026-12-03T08:00:00.0000000Z', '{}', NULL,
                    '', 'hash')
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = seq });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString("N") });
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> InsertCheckpointAsync(NpgsqlConnection connection, long number)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO checkpoints (number, created_utc, "full", stream, heads, deliveries, incidents, incident_counter,
                                     runbooks, key_id, prev_hash, hash, signature)
            VALUES ($1, '2026-12-03T08:00:00.0000000Z', true, NULL, '[]', 0, 0, 0, 0, 'k1', '', $2, 'sig')
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = "hash-" + number });
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
