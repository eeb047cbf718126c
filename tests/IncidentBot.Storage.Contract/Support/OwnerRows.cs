using System.Globalization;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared;

namespace IncidentBot.Storage.Contract.Support;

/// <summary>
/// Looks at the rows behind a store through <see cref="IStoreUnderTest.OpenOwnerConnectionAsync"/>, where the ports
/// alone cannot show that an append wrote nothing or what a checkpoint holds. Table names are the shared schema's.
/// </summary>
public static class OwnerRows
{
    /// <summary>How many rows <paramref name="table"/> holds.</summary>
    public static async Task<long> CountAsync(this IStoreUnderTest db, string table)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Row counts of every table an append writes, to compare before and after one that must write nothing.</summary>
    public static async Task<string> CountAllAsync(this IStoreUnderTest db)
    {
        string[] tables = ["events", "deliveries", "checkpoints", "incidents", "changes", "outbox", "runbook_versions", "conversations", "known_conversations"];
        var counts = new List<string>();
        foreach (var table in tables) counts.Add($"{table}={await db.CountAsync(table)}");
        return string.Join(", ", counts);
    }

    /// <summary>Runs one statement as the owner; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this IStoreUnderTest db, string sql)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every checkpoint, oldest first.</summary>
    public static async Task<List<Checkpoint>> CheckpointsAsync(this IStoreUnderTest db)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRows.CheckpointColumns} FROM checkpoints ORDER BY number";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Checkpoint>();
        while (await reader.ReadAsync()) rows.Add(StoredRows.Checkpoint(reader));
        return rows;
    }

    /// <summary>The public half of the key the nodes sign with.</summary>
    public static EvidencePublicKey PublicKey(this IStoreUnderTest db)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var key = EvidenceSigningKey.Load(db.SigningKeyPath);
        return EvidencePublicKey.Parse(key.PublicKey.Text);
    }
}
