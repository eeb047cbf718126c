using System.Security.Cryptography;
using Npgsql;

namespace IncidentBot.TestSupport.Postgres;

/// <summary>
/// A fresh database on the <see cref="PostgresTestServer"/>. Disposing it drops the database (closing any session
/// still on it) and then the login roles made for it.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly PostgresTestServer _server;
    private readonly List<PostgresTestRole> _roles = [];

    internal PostgresTestDatabase(PostgresTestServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>Connection string to this database with the admin credentials.</summary>
    public string ConnectionString { get; }

    /// <summary>An open connection to this database with the admin credentials.</summary>
    public async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Creates a login role with a random name and password, owning nothing and granted nothing yet, and returns a
    /// connection string to this database as that role.
    /// </summary>
    public async Task<PostgresTestRole> CreateLoginRoleAsync(CancellationToken cancellationToken = default)
    {
        var name = "incidentbot_role_" + Guid.NewGuid().ToString("N");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // The password is hex, so it needs no escaping inside the literal.
        await _server.ExecuteAsync(
            $"CREATE ROLE {PostgresTestServer.Quote(name)} LOGIN PASSWORD '{password}'", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Username = name,
            Password = password,
        }.ConnectionString;
        var role = new PostgresTestRole(name, connectionString);
        _roles.Add(role);
        return role;
    }

    /// <summary>Drops the database, then the roles made for it.</summary>
    public async ValueTask DisposeAsync()
    {
        // Pooled idle connections would otherwise outlive the database they point at.
        foreach (var connectionString in _roles.Select(r => r.ConnectionString).Prepend(ConnectionString))
        {
            await using var pooled = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(pooled);
        }
        await _server.ExecuteAsync($"DROP DATABASE IF EXISTS {PostgresTestServer.Quote(Name)} WITH (FORCE)", CancellationToken.None);
        foreach (var role in _roles)
            await _server.ExecuteAsync($"DROP ROLE IF EXISTS {PostgresTestServer.Quote(role.Name)}", CancellationToken.None);
    }
}
