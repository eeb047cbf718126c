using IncidentBot.Storage.Postgres.Schema;
using IncidentBot.TestSupport.Postgres;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Support;

/// <summary>A fresh database on the test server, migrated by its admin (the owner), dropped when disposed.</summary>
internal sealed class MigratedDatabase : IAsyncDisposable
{
    private MigratedDatabase(PostgresTestDatabase database) => Database = database;

    public PostgresTestDatabase Database { get; }

    public static async Task<MigratedDatabase> CreateAsync()
    {
        var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        var migrated = false;
        try
        {
            await using var owner = await database.OpenAdminConnectionAsync();
            await PostgresSchemaMigrator.MigrateAsync(owner, CancellationToken.None);
            migrated = true;
            return new MigratedDatabase(database);
        }
        finally
        {
            if (!migrated) await database.DisposeAsync();
        }
    }

    public Task<NpgsqlConnection> OpenOwnerConnectionAsync() => Database.OpenAdminConnectionAsync();

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
