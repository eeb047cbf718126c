using IncidentBot.Core.Conversations;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Postgres.Schema;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreBotRoleTests
{
    [Fact]
    public async Task AppendAsync_AsTheBotRoleOnAMigratedDatabase_WritesEveryPartOfTheAppend()
    {
        await using var migrated = await MigratedDatabase.CreateAsync();
        var bot = await migrated.Database.CreateLoginRoleAsync();
        await using (var owner = await migrated.OpenOwnerConnectionAsync())
            await PostgresRoles.GrantBotRoleAsync(owner, bot.Name, CancellationToken.None);
        var keyFolder = Directory.CreateTempSubdirectory("incidentbot-pg-key-").FullName;
        try
        {
            await using var store = new PostgresStore(new PostgresStoreOptions
            {
                ConnectionString = bot.ConnectionString,
                SigningKeyPath = Path.Combine(keyFolder, "evidence-signing.key"),
            }, TimeProvider.System);
            await store.InitializeAsync(CancellationToken.None);
            var request = Drafts.Declare("As the bot", "slack:1") with
            {
                Outbox = [new OutboxDraft(OutboxKind.Notify, "slack", """{"text":"hi"}""")],
                Runbook = new Core.Evidence.RunbookSnapshot("feedc0de", "restart-service", "steps: []"),
                Conversations = [new ConversationReference("slack", "C1", "1700000000.1")],
            };

            var declared = (await store.AppendAsync(request, CancellationToken.None)).Appended();
            var noted = (await store.AppendAsync(Drafts.Notes(declared.Stream, 1, 1) with { Incident = request.Incident! with { Id = "INC-1" } },
                CancellationToken.None)).Appended();
            await store.AppendAsync(Drafts.Change("checkout", "2.0", Drafts.T0), CancellationToken.None);
            // The outbox, the conversation read model and the health probe need no more than the bot's grants.
            await store.ProbeWriteAsync(CancellationToken.None);
            var later = TimeProvider.System.GetUtcNow().AddHours(1);
            var claimed = Assert.Single(await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", later, TimeSpan.FromMinutes(1), 5, 5, CancellationToken.None));
            Assert.True(await store.CompleteAsync(claimed.Claim!, later, CancellationToken.None));
            Assert.Equal([new ConversationReference("slack", "C1", "1700000000.1")], await store.ConversationsOfAsync("INC-1", CancellationToken.None));

            Assert.Equal(2, noted.Events[0].Seq);
            Assert.Equal(noted.Seal, await store.GetSealAsync("INC-1", CancellationToken.None));
            Assert.Equal(2, (await store.GetIncidentAsync("INC-1", CancellationToken.None))!.LastSeq);
            Assert.Single(await store.ListChangesAsync(null, null, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }
}
