using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Schema;

/// <summary>
/// Applies the embedded <c>Schema/NNNN_name.sql</c> scripts in order, recording each in <c>schema_migrations</c>
/// (number, name, SHA-256 of its text, when). Each script runs in its own transaction together with its record, so a
/// crash leaves a script either applied and recorded or not at all. Several nodes may start at once: the whole run
/// holds a session advisory lock, so the second waits for the first and then finds every script applied. A database
/// whose recorded script differs from the embedded one, or that records a script this build does not know, is refused.
/// Run it as the role that owns the schema (see <see cref="PostgresRoles"/>).
/// </summary>
internal static class PostgresSchemaMigrator
{
    /// <summary>
    /// Key of the session advisory lock held while migrating. Fixed forever: every build must take the same one.
    /// (The bytes spell "IncBotMg".)
    /// </summary>
    public const long AdvisoryLockKey = 0x496E63426F744D67;

    private const string ResourcePrefix = "IncidentBot.Storage.Postgres.Schema.";

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            number      integer     NOT NULL PRIMARY KEY,
            name        text        NOT NULL,
            sha256      text        NOT NULL,
            applied_utc timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>The embedded scripts, by number.</summary>
    public static IReadOnlyList<PostgresSchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>
    /// Brings the database of <paramref name="connection"/> (open) up to the last embedded script.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The database records a script whose hash differs from the embedded one, or a script this build lacks.
    /// </exception>
    public static async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            // Created only when missing: CREATE TABLE IF NOT EXISTS would still need CREATE on the schema, which the
            // bot's role lacks, and the bot may well run this against a database its owner already migrated.
            if (!await HistoryExistsAsync(connection, cancellationToken))
                await ExecuteAsync(connection, null, CreateHistory, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            Check(applied);
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Number)))
                await ApplyAsync(connection, script, cancellationToken);
        }
        finally
        {
            // The lock dies with the session anyway; unlocking keeps a pooled connection from carrying it along.
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The SHA-256 (lower-case hex) recorded for a script text; line endings count as <c>\n</c>.</summary>
    public static string HashOf(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    private static void Check(Dictionary<int, (string Name, string Sha256)> applied)
    {
        foreach (var (number, (name, sha256)) in applied.OrderBy(a => a.Key))
        {
            var script = Scripts.FirstOrDefault(s => s.Number == number) ?? throw new InvalidOperationException(
                $"The database records schema script {number} ({name}), which this build does not have: it was " +
                "migrated by a newer build.");
            if (!string.Equals(script.Sha256, sha256, StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"The database records schema script {number} ({name}) with SHA-256 {sha256}, but this build's " +
                    $"{script.Name} has {script.Sha256}: the script was changed after it was applied. Refusing to " +
                    "use a schema that may differ from the one this build expects.");
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, PostgresSchemaScript script,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (number, name, sha256) VALUES ($1, $2, $3)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = script.Number });
            record.Parameters.Add(new NpgsqlParameter { Value = script.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = script.Sha256 });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> HistoryExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Dictionary<int, (string Name, string Sha256)>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT number, name, sha256 FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied.Add(reader.GetInt32(0), (reader.GetString(1), reader.GetString(2)));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<PostgresSchemaScript> LoadScripts()
    {
        var assembly = typeof(PostgresSchemaMigrator).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) &&
                        n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .OrderBy(s => s.Number)
            .ToList();
        if (scripts.Count == 0) throw new InvalidOperationException("No embedded schema scripts were found.");
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Number != i + 1)
                throw new InvalidOperationException(
                    $"Schema scripts must be numbered 1, 2, 3... without gaps; found {scripts[i].Name} at position {i + 1}.");
        }
        return scripts;
    }

    private static PostgresSchemaScript Load(Assembly assembly, string resourceName)
    {
        var name = resourceName[ResourcePrefix.Length..];
        var digits = name.Split('_', 2)[0];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new InvalidOperationException($"Schema script {name} does not start with its number (0001_...).");
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        var sql = reader.ReadToEnd();
        return new PostgresSchemaScript(number, name, sql, HashOf(sql));
    }
}
