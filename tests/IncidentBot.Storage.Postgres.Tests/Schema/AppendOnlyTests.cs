using IncidentBot.Storage.Postgres.Tests.Support;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Schema;

/// <summary>The schema's own guarantees, checked as the tables' owner (a superuser here), who bypasses privileges.</summary>
public sealed class AppendOnlyTests
{
    [Theory]
    [InlineData("UPDATE events SET payload = '{\"forged\":true}'")]
    [InlineData("DELETE FROM events")]
    [InlineData("TRUNCATE events")]
    public async Task Events_ChangedByOwner_AreRefused(string change)
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var owner = await database.OpenOwnerConnectionAsync();
        await Rows.InsertEventAsync(owner, "INC-1", 1);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Rows.ExecuteAsync(owner, change));

        Assert.Equal(PostgresErrorCodes.RaiseException, refused.SqlState);
        Assert.Contains("events are append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await Rows.ScalarAsync<int>(owner, "SELECT count(*)::int FROM events WHERE payload = '{}'"));
    }

    [Theory]
    [InlineData("UPDATE checkpoints SET signature = 'forged'")]
    [InlineData("DELETE FROM checkpoints")]
    [InlineData("TRUNCATE checkpoints")]
    public async Task Checkpoints_ChangedByOwner_AreRefused(string change)
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var owner = await database.OpenOwnerConnectionAsync();
        await Rows.InsertCheckpointAsync(owner, 1);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Rows.ExecuteAsync(owner, change));

        Assert.Equal(PostgresErrorCodes.RaiseException, refused.SqlState);
        Assert.Contains("checkpoints are append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await Rows.ScalarAsync<int>(owner, "SELECT count(*)::int FROM checkpoints WHERE signature = 'sig'"));
    }

    [Fact]
    public async Task Events_ChangedUnderReplicationRole_AreStillRefused()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var owner = await database.OpenOwnerConnectionAsync();
        await Rows.InsertEventAsync(owner, "INC-1", 1);
        await Rows.ExecuteAsync(owner, "SET session_replication_role = replica");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Rows.ExecuteAsync(owner, "DELETE FROM events"));

        Assert.Contains("events are append-only", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_DuplicateStreamAndSeq_IsRejected()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var owner = await database.OpenOwnerConnectionAsync();
        await Rows.InsertEventAsync(owner, "INC-1", 1);
        await Rows.InsertEventAsync(owner, "INC-2", 1);

        var rejected = await Assert.ThrowsAsync<PostgresException>(() => Rows.InsertEventAsync(owner, "INC-1", 1));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, rejected.SqlState);
        Assert.Equal("events_stream_seq", rejected.ConstraintName);
    }

    [Fact]
    public async Task Incidents_IdDiffersOnlyInCase_IsTheSameIncident()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var owner = await database.OpenOwnerConnectionAsync();
        const string insert = """
            INSERT INTO incidents (id, number, title, state, severity, service, runbook_id, runbook_version, runbook_hash,
                                   commander, version, last_seq, declared_utc, updated_utc)
            VALUES ('{0}', {1}, 't', 'Triage', 2, 'checkout', 'r', '1', 'h', 'U1', 1, 1, 'a', 'a')
            """;
        await Rows.ExecuteAsync(owner, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, "INC-7", 7));

        Assert.Equal("INC-7", await Rows.ScalarAsync<string>(owner, "SELECT id FROM incidents WHERE id = 'inc-7'"));
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => Rows.ExecuteAsync(owner,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, "inc-7", 8)));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }
}
