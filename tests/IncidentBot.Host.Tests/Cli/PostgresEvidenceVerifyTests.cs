using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Storage.Postgres.Audit;
using IncidentBot.Storage.Shared.Audit;
using IncidentBot.TestSupport.Postgres;

namespace IncidentBot.Host.Tests.Cli;

/// <summary>The audit behind <c>evidence verify --provider postgres</c> on a PostgreSQL store the bot wrote.</summary>
public sealed class PostgresEvidenceVerifyTests
{
    [Fact]
    public async Task Audit_StoreWithAnIncident_IsIntact()
    {
        // events.stream is COLLATE "C" and incidents.id case-insensitive: a check comparing them without naming one
        // collation made PostgreSQL refuse the audit (42P22) as soon as the store held an incident.
        await using var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        var keyFolder = Directory.CreateTempSubdirectory("incidentbot-pgverify-");
        try
        {
            var keyPath = Path.Combine(keyFolder.FullName, "evidence-signing.key");
            await using (var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "postgres",
                ["Storage:ConnectionString"] = database.ConnectionString,
                ["Evidence:SigningKeyPath"] = keyPath,
            }))
            {
                await IncidentApi.AppliedAsync(bot.Http, "alice", "/incident declare Checkout errors sev2 runbook=ai-assistant-drift");
            }
            using var signingKey = EvidenceSigningKey.Load(keyPath);
            using var publicKey = EvidencePublicKey.Parse(signingKey.PublicKey.Text);

            var result = await PostgresEvidenceAuditor.AuditAsync(database.ConnectionString, publicKey, null, CancellationToken.None);

            Assert.True(result.Verdict == AuditVerdict.Intact, result.Message);
        }
        finally
        {
            keyFolder.Delete(recursive: true);
        }
    }
}
