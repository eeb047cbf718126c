namespace IncidentBot.TestSupport.Postgres;

/// <summary>A login role made by <see cref="PostgresTestDatabase.CreateLoginRoleAsync"/>.</summary>
/// <param name="Name">The role's name.</param>
/// <param name="ConnectionString">Connection string to the test database as this role (with its password).</param>
public sealed record PostgresTestRole(string Name, string ConnectionString)
{
    /// <summary>The role's name only: the connection string carries a password.</summary>
    public override string ToString() => Name;
}
