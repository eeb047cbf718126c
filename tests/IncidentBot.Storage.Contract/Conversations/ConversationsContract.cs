using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.Conversations;

/// <summary>Conversation bindings written with appends: which incident a place belongs to, and the places of an incident.</summary>
public abstract class ConversationsContract : StoreContract
{
    [Fact]
    public async Task AppendAsync_ConversationBoundTwice_FindReturnsCanonicalIncidentIdAndOneBinding()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare(), None);
        var thread = new ConversationReference(Surfaces.Slack, "C1", "1700000000.000100");

        // Act
        await db.Store.AppendAsync(Drafts.Notes("inc-1", 1, 1) with { Conversations = [thread] }, None);
        await db.Store.AppendAsync(Drafts.Notes("INC-1", 2, 1) with { Conversations = [thread] }, None);
        var found = await db.Store.FindIncidentByConversationAsync(Surfaces.Slack, "C1/1700000000.000100", None);

        // Assert
        Assert.Equal("INC-1", found);
        Assert.Null(await db.Store.FindIncidentByConversationAsync(Surfaces.Teams, "C1/1700000000.000100", None));
        Assert.Equal(1, await db.CountAsync("conversations"));
    }

    [Fact]
    public async Task FindIncidentByConversationAsync_ChannelAndThreadKeysFromTwoNodes_FindTheIncidentsBoundThere()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Drafts.Declare("a") with { Conversations = [new ConversationReference("slack", "C1", "1.1")] }, None);
        await other.AppendAsync(Drafts.Declare("b") with { Conversations = [new ConversationReference("slack", "C1")] }, None);

        // Act
        var byThread = await other.FindIncidentByConversationAsync("slack", "C1/1.1", None);
        var byChannel = await db.Store.FindIncidentByConversationAsync("slack", "C1", None);

        // Assert
        Assert.Equal("INC-1", byThread);
        Assert.Equal("INC-2", byChannel);
        Assert.Null(await db.Store.FindIncidentByConversationAsync("slack", "C2", None));
    }

    [Fact]
    public async Task ConversationsOfAsync_ChannelThenAnotherPlaceThenThread_OnePerPlaceAsLastBoundInFirstBoundOrder()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Drafts.Declare("a") with { Conversations = [new ConversationReference("slack", "C1")] }, None);

        // Act
        await other.AppendAsync(Drafts.Notes("INC-1", 1, 1) with { Conversations = [new ConversationReference("teams", "19:x@thread.tacv2", null, "https://smba.example/")] }, None);
        await db.Store.AppendAsync(Drafts.Notes("INC-1", 2, 1) with { Conversations = [new ConversationReference("slack", "C1", "1700000000.000100")] }, None);

        // Assert
        Assert.Equal([new ConversationReference("slack", "C1", "1700000000.000100"), new ConversationReference("teams", "19:x@thread.tacv2", null, "https://smba.example/")],
            await other.ConversationsOfAsync("inc-1", None));
        Assert.Equal("INC-1", await db.Store.FindIncidentByConversationAsync("slack", "C1", None));
        Assert.Empty(await other.ConversationsOfAsync("INC-9", None));
    }

    [Fact]
    public async Task FindKnownConversationAsync_ReferenceWithoutServiceUrlLater_KeepsTheServiceUrl()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare("a") with { Conversations = [new ConversationReference("teams", "19:x", "t1", "https://smba.example/", "tenant")] }, None);
        await db.Store.AppendAsync(Drafts.Notes("INC-1", 1, 1) with { Conversations = [new ConversationReference("teams", "19:x")] }, None);

        // Act
        var known = await db.Store.FindKnownConversationAsync("teams", "19:x", None);

        // Assert: the service URL an authenticated activity carried is kept when a later reference lacks it.
        Assert.Equal(new ConversationReference("teams", "19:x", null, "https://smba.example/", "tenant"), known);
        Assert.Null(await db.Store.FindKnownConversationAsync("teams", "19:y", None));
    }

    [Fact]
    public async Task AppendAsync_ConversationOnTheBotStream_IsKnownButBindsNoIncident()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var team = new ConversationReference(Surfaces.Teams, "19:abc@thread.tacv2", null, "https://smba.example/teams/", "tenant-1");

        // Act
        await db.Store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1) with { Conversations = [team] }, None);
        await db.Store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1) with { Conversations = [team with { ServiceUrl = null }] }, None);

        // Assert
        Assert.Null(await db.Store.FindIncidentByConversationAsync(Surfaces.Teams, team.Key, None));
        Assert.Equal(team, await db.Store.FindKnownConversationAsync(Surfaces.Teams, team.Channel, None));
        Assert.Null(await db.Store.FindKnownConversationAsync(Surfaces.Teams, "19:other@thread.tacv2", None));
    }
}
