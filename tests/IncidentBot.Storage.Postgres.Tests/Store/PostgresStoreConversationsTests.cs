using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreConversationsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ConversationsOfAsync_ChannelThenThreadThenAnotherPlace_OnePerPlaceAsLastBoundInFirstBoundOrder()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Nodes[0].AppendAsync(Requests.NewIncident("a") with { Conversations = [new ConversationReference("slack", "C1")] }, None);

        await db.Nodes[1].AppendAsync(Requests.Notes("INC-1", 1, 1) with { Conversations = [new ConversationReference("teams", "19:x@thread.tacv2", null, "https://smba.example/")] }, None);
        await db.Nodes[0].AppendAsync(Requests.Notes("INC-1", 2, 1) with { Conversations = [new ConversationReference("slack", "C1", "1700000000.000100")] }, None);

        Assert.Equal([new ConversationReference("slack", "C1", "1700000000.000100"), new ConversationReference("teams", "19:x@thread.tacv2", null, "https://smba.example/")],
            await db.Nodes[1].ConversationsOfAsync("inc-1", None));
        Assert.Empty(await db.Nodes[1].ConversationsOfAsync("INC-9", None));
    }

    [Fact]
    public async Task FindIncidentByConversationAsync_ChannelAndThreadKeys_FindTheIncidentsBoundThere()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Nodes[0].AppendAsync(Requests.NewIncident("a") with { Conversations = [new ConversationReference("slack", "C1", "1.1")] }, None);
        await db.Nodes[1].AppendAsync(Requests.NewIncident("b") with { Conversations = [new ConversationReference("slack", "C1")] }, None);

        Assert.Equal("INC-1", await db.Nodes[1].FindIncidentByConversationAsync("slack", "C1/1.1", None));
        Assert.Equal("INC-2", await db.Nodes[0].FindIncidentByConversationAsync("slack", "C1", None));
        Assert.Null(await db.Nodes[0].FindIncidentByConversationAsync("slack", "C2", None));
    }

    [Fact]
    public async Task FindKnownConversationAsync_ReferenceWithoutServiceUrlLater_KeepsTheServiceUrl()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Conversations = [new ConversationReference("teams", "19:x", "t1", "https://smba.example/", "tenant")] }, None);
        await db.Store.AppendAsync(Requests.Notes("INC-1", 1, 1) with { Conversations = [new ConversationReference("teams", "19:x")] }, None);

        var known = await db.Store.FindKnownConversationAsync("teams", "19:x", None);

        Assert.Equal(new ConversationReference("teams", "19:x", null, "https://smba.example/", "tenant"), known);
        Assert.Null(await db.Store.FindKnownConversationAsync("teams", "19:y", None));
    }

    [Fact]
    public async Task ProbeWriteAsync_HealthyDatabase_CommitsAndChangesNothing()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("a"), None);

        await db.Store.ProbeWriteAsync(None);

        Assert.Equal("INC-2", (await db.Store.AppendAsync(Requests.NewIncident("b"), None)).Appended().Stream);
    }
}
