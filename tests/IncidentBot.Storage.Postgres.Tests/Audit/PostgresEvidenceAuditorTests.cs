using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Postgres.Audit;
using IncidentBot.Storage.Postgres.Tests.Support;
using IncidentBot.Storage.Shared.Audit;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Audit;

public sealed class PostgresEvidenceAuditorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AuditAsync_AppendedIncidentsWithTheLastSeal_IsIntactAndHoldsTheSeal()
    {
        await using var db = await SeededAsync();
        var seal = await OwnerScalarAsync(db, "SELECT hash FROM checkpoints ORDER BY number DESC LIMIT 1;");

        var result = await PostgresEvidenceAuditor.AuditAsync(db.ConnectionString, db.PublicKey(), seal, None);

        Assert.True(result.Verdict == AuditVerdict.Intact, result.Message);
        Assert.Contains($"seal {seal} confirmed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditAsync_PayloadEditedByTheOwnerWithTriggersOff_IsAlteredNamingStreamAndSeq()
    {
        await using var db = await SeededAsync();
        await OwnerRunAsync(db, """
            ALTER TABLE events DISABLE TRIGGER ALL;
            UPDATE events SET payload = '{"text":"forged"}' WHERE stream = 'bot' AND seq = 3;
            ALTER TABLE events ENABLE TRIGGER ALL;
            """);

        var result = await PostgresEvidenceAuditor.AuditAsync(db.ConnectionString, db.PublicKey(), null, None);

        Assert.Equal(AuditVerdict.Altered, result.Verdict);
        Assert.Contains($"{Streams.Bot} #3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditAsync_ForgedCheckpointSignature_IsAltered()
    {
        await using var db = await SeededAsync();
        await OwnerRunAsync(db, """
            ALTER TABLE checkpoints DISABLE TRIGGER ALL;
            UPDATE checkpoints SET signature = reverse(signature) WHERE number = 1;
            ALTER TABLE checkpoints ENABLE TRIGGER ALL;
            """);

        var result = await PostgresEvidenceAuditor.AuditAsync(db.ConnectionString, db.PublicKey(), null, None);

        Assert.Equal(AuditVerdict.Altered, result.Verdict);
        Assert.Contains("checkpoint #1", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditAsync_UnknownSeal_IsAlteredAsForSqlite()
    {
        await using var db = await SeededAsync();
        var unknown = new string('a', 64);

        var result = await PostgresEvidenceAuditor.AuditAsync(db.ConnectionString, db.PublicKey(), unknown, None);

        Assert.Equal(AuditVerdict.Altered, result.Verdict);
        Assert.StartsWith($"seal {unknown} is not in this store's checkpoint chain", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditAsync_ServerUnreachable_CouldNotRunWithoutThePassword()
    {
        await using var db = await StoreNodes.StartAsync();
        const string password = "s3cret-pg-audit-password";
        // Port 1 on loopback refuses the connection (the test cluster trusts every password, so none is refused).
        var connectionString = new NpgsqlConnectionStringBuilder(db.ConnectionString)
        {
            Port = 1, Password = password, Timeout = 5,
        }.ConnectionString;

        var result = await PostgresEvidenceAuditor.AuditAsync(connectionString, db.PublicKey(), null, None);

        Assert.Equal(AuditVerdict.CouldNotRun, result.Verdict);
        Assert.DoesNotContain(password, result.Message, StringComparison.Ordinal);
    }

    private static async Task<StoreNodes> SeededAsync()
    {
        var db = await StoreNodes.StartAsync();
        // Streams without an incidents row: the fixture's incident projection is not the fold of its events.
        for (var i = 0; i < 3; i++) await db.Store.AppendAsync(Drafts.Notes(Streams.Bot, i * 2, 2), None);
        await db.Store.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0), None);
        return db;
    }

    private static async Task<string?> OwnerScalarAsync(StoreNodes db, string sql)
    {
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task OwnerRunAsync(StoreNodes db, string sql)
    {
        await using var connection = await db.OpenOwnerConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
