using Npgsql;

namespace IncidentBot.TestSupport.Postgres;

/// <summary>
/// The PostgreSQL server the tests may create databases and roles on, named by the admin connection string in
/// <see cref="VariableName"/> (./test.sh starts a throwaway cluster and sets it). Without it the tests fail, never skip.
/// </summary>
public sealed class PostgresTestServer
{
    /// <summary>The environment variable holding the admin connection string.</summary>
    public const string VariableName = "IncidentBot__Tests__PostgresAdmin";

    private PostgresTestServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>Connection string of a role that may create databases and roles, to its <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server named by <see cref="VariableName"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static PostgresTestServer FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"{VariableName} is not set, so there is no PostgreSQL to test against. Run ./test.sh, which starts a " +
                $"throwaway PostgreSQL cluster and sets it, or set {VariableName} to the connection string of a role " +
                "that may create databases and roles (Host=...;Port=...;Username=...;Password=...;Database=postgres).");
        return new PostgresTestServer(value);
    }

    /// <summary>
    /// Creates a new, uniquely named, empty database; the returned handle's connection string uses the admin
    /// credentials, and disposing it drops the database.
    /// </summary>
    public async Task<PostgresTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "incidentbot_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {Quote(name)}", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(this, name, connectionString);
    }

    /// <summary>Runs one statement on the admin connection (to the <c>postgres</c> database).</summary>
    internal async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A PostgreSQL identifier in double quotes.</summary>
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
