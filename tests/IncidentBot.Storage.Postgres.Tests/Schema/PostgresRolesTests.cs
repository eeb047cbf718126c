using IncidentBot.Storage.Postgres.Schema;
using IncidentBot.Storage.Postgres.Tests.Support;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Schema;

public sealed class PostgresRolesTests
{
    [Fact]
    public async Task GrantBotRoleAsync_BotRole_AppendsAndReadsEvidence()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var bot = await GrantedBotAsync(database);
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        await connection.OpenAsync();

        Assert.Equal(1, await Rows.InsertEventAsync(connection, "INC-1", 1));
        Assert.Equal(1, await Rows.InsertCheckpointAsync(connection, 1));

        Assert.Equal(["INC-1"], await Rows.StringsAsync(connection, "SELECT stream FROM events"));
        Assert.Equal(1L, await Rows.ScalarAsync<long>(connection, "SELECT number FROM checkpoints"));
    }

    [Theory]
    [InlineData("UPDATE events SET payload = '{\"forged\":true}'")]
    [InlineData("DELETE FROM events")]
    [InlineData("TRUNCATE events")]
    [InlineData("UPDATE checkpoints SET signature = 'forged'")]
    [InlineData("DELETE FROM checkpoints")]
    [InlineData("TRUNCATE checkpoints")]
    [InlineData("ALTER TABLE events DISABLE TRIGGER events_append_only")]
    public async Task GrantBotRoleAsync_BotRoleChangesEvidence_IsDenied(string change)
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var bot = await GrantedBotAsync(database);
        await using (var owner = await database.OpenOwnerConnectionAsync())
        {
            await Rows.InsertEventAsync(owner, "INC-1", 1);
            await Rows.InsertCheckpointAsync(owner, 1);
        }
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        await connection.OpenAsync();

        var denied = await Assert.ThrowsAsync<PostgresException>(() => Rows.ExecuteAsync(connection, change));

        // Denied by privileges (or ownership), before any trigger is reached.
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    [Fact]
    public async Task GrantBotRoleAsync_GrantedTwice_StillDeniesChanges()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var bot = await database.Database.CreateLoginRoleAsync();
        await using (var owner = await database.OpenOwnerConnectionAsync())
        {
            await Rows.ExecuteAsync(owner, $"GRANT ALL ON events TO {PostgresRoles.QuoteIdentifier(bot.Name)}");
            await PostgresRoles.GrantBotRoleAsync(owner, bot.Name, CancellationToken.None);
            await PostgresRoles.GrantBotRoleAsync(owner, bot.Name, CancellationToken.None);
        }
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        await connection.OpenAsync();

        var denied = await Assert.ThrowsAsync<PostgresException>(() => Rows.ExecuteAsync(connection, "DELETE FROM events"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    [Fact]
    public async Task MigrateAsync_AsBotRoleOnMigratedDatabase_ChecksAndChangesNothing()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        var bot = await GrantedBotAsync(database);
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        await connection.OpenAsync();

        await PostgresSchemaMigrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(PostgresSchemaMigrator.Scripts.Count,
            await Rows.ScalarAsync<int>(connection, "SELECT count(*)::int FROM schema_migrations"));
    }

    [Fact]
    public void QuoteIdentifier_EmbeddedQuote_IsDoubled() =>
        Assert.Equal("\"bot\"\"; DROP TABLE events; --\"", PostgresRoles.QuoteIdentifier("bot\"; DROP TABLE events; --"));

    private static async Task<IncidentBot.TestSupport.Postgres.PostgresTestRole> GrantedBotAsync(MigratedDatabase database)
    {
        var bot = await database.Database.CreateLoginRoleAsync();
        await using var owner = await database.OpenOwnerConnectionAsync();
        await PostgresRoles.GrantBotRoleAsync(owner, bot.Name, CancellationToken.None);
        return bot;
    }
}
