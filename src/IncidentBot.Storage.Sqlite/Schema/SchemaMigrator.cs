using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Schema;

/// <summary>
/// Applies the embedded <c>Schema/NNNN_name.sql</c> scripts in order, recording progress in <c>PRAGMA user_version</c>.
/// Each script runs in its own transaction together with its version bump, so a crash leaves either the old or the
/// new version, never half a script. Scripts already applied are skipped, so migrating again is harmless.
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "IncidentBot.Storage.Sqlite.Schema.";

    /// <summary>The embedded scripts, by version.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>The version a fully migrated database has.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; refuses a database from a newer build.</summary>
    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        foreach (var script in Scripts)
        {
            // BEGIN IMMEDIATE before reading the version: two processes starting at once cannot both apply a script.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var current = await ReadVersionAsync(connection, transaction, cancellationToken);
            if (current > LatestVersion)
                throw new InvalidOperationException(
                    $"The database is at schema version {current}, newer than this build knows ({LatestVersion}).");
            if (current >= script.Version) continue;
            await connection.Sql(transaction, script.Sql).RunAsync(cancellationToken);
            var bump = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {script.Version};");
            await connection.Sql(transaction, bump).RunAsync(cancellationToken);
            transaction.Commit();
        }
    }

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction,
        CancellationToken cancellationToken) =>
        (int)await connection.Sql(transaction, "PRAGMA user_version;").ScalarAsync<long>(cancellationToken);

    private static List<SchemaScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) &&
                        n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .OrderBy(s => s.Version)
            .ToList();
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"Schema scripts must be numbered 1, 2, 3... without gaps; found {scripts[i].Name} at position {i + 1}.");
        }
        if (scripts.Count == 0) throw new InvalidOperationException("No embedded schema scripts were found.");
        return scripts;
    }

    private static SchemaScript Load(Assembly assembly, string resourceName)
    {
        var name = resourceName[ResourcePrefix.Length..];
        var digits = name.Split('_', 2)[0];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"Schema script {name} does not start with its number (0001_...).");
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(version, name, reader.ReadToEnd());
    }
}
