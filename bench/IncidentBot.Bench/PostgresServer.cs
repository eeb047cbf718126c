using System.Security.Cryptography;
using Npgsql;

namespace IncidentBot.Bench;

/// <summary>
/// PostgreSQL for the scale-out section: the server an admin connection string names (<c>--postgres-admin</c> or
/// <see cref="AdminVariable"/>), or else a <see cref="PostgresCluster"/> started for this run. Each configuration gets
/// a fresh database of its own; on a given server those are dropped on dispose, a throwaway cluster goes whole.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string AdminVariable = "IncidentBot__Bench__PostgresAdmin";
    private static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(60);
    private readonly string admin;
    private readonly PostgresCluster? cluster;
    private readonly List<string> created = [];

    private PostgresServer(string admin, PostgresCluster? cluster) => (this.admin, this.cluster) = (admin, cluster);

    /// <summary>What the server is and how it is set, for the report: version, where it came from, the settings that decide durability.</summary>
    public string Description { get; private set; } = "";

    public static async Task<PostgresServer> StartAsync(string? adminConnectionString)
    {
        var cluster = adminConnectionString is null ? await PostgresCluster.StartAsync() : null;
        var server = new PostgresServer(adminConnectionString ?? cluster!.AdminConnectionString, cluster);
        try
        {
            var show = await server.QueryAsync("SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), " +
                "current_setting('full_page_writes'), current_setting('max_connections'), current_setting('shared_buffers')");
            server.Description = $"PostgreSQL {show[0]} ({(cluster is null ? "the given server" : "a throwaway cluster started for this run")}): " +
                $"fsync {show[1]}, synchronous_commit {show[2]}, full_page_writes {show[3]}, max_connections {show[4]}, shared_buffers {show[5]}";
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it with the admin's role (its owner).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "incidentbot_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await QueryAsync($"CREATE DATABASE {name}", scalar: false);
        created.Add(name);
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The events the database at <paramref name="connectionString"/> holds: the proof that the nodes wrote there and not
    /// to a SQLite file of their own (a bot that ignores <c>Storage:Provider</c> would still answer every command).
    /// </summary>
    public async Task<long> CountEventsAsync(string connectionString)
    {
        try
        {
            return long.Parse((await QueryAsync("SELECT count(*)::text FROM events", connectionString: connectionString))[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // No schema at all: no node ever migrated this database.
        }
    }

    /// <summary>CPU the server has used so far, when it runs on this machine under this run (the throwaway cluster); else null.</summary>
    public TimeSpan? CpuTime() => cluster?.CpuTime();

    private async Task<string[]> QueryAsync(string sql, bool scalar = true, string? connectionString = null)
    {
        using var limit = new CancellationTokenSource(StatementTimeout);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString ?? admin) { Pooling = false, Timeout = 30 }.ConnectionString);
        await connection.OpenAsync(limit.Token);
        await using var command = new NpgsqlCommand(sql, connection);
        if (!scalar)
        {
            await command.ExecuteNonQueryAsync(limit.Token);
            return [];
        }
        await using var reader = await command.ExecuteReaderAsync(limit.Token);
        await reader.ReadAsync(limit.Token);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)];
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
            return;
        }
        foreach (var name in created)
        {
            try
            {
                await QueryAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", scalar: false);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
            {
                Console.Error.WriteLine($"  could not drop database {name}: {e.Message}");
            }
        }
    }
}
