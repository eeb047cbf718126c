using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;

namespace IncidentBot.Core.Tests.Governance;

/// <summary>Surface user ids resolve to configured people; nobody can be the bot.</summary>
public sealed class PeopleDirectoryTests
{
    private static PeopleDirectory Directory(params PersonOptions[] people) =>
        new(new GovernanceOptions { ResponderGroups = ["oncall"], People = [.. people] });

    [Fact]
    public void Resolve_SlackIdentity_GivesThePerson()
    {
        var people = Directory(new PersonOptions { Id = "alice", Groups = ["oncall"], Identities = { ["slack"] = "U024BE7LH" } });

        var actor = people.Resolve(Surfaces.Slack, "U024BE7LH");

        Assert.Equal(("alice", true, Surfaces.Slack), (actor.Id, actor.IsKnown, actor.Surface));
        Assert.True(people.IsResponder(actor));
    }

    [Fact]
    public void Resolve_PersonIdOnSlack_IsUnknown()
    {
        var people = Directory(new PersonOptions { Id = "alice", Groups = ["oncall"] });

        var actor = people.Resolve(Surfaces.Slack, "alice");

        Assert.Equal(("slack:alice", false), (actor.Id, actor.IsKnown));
        Assert.False(people.IsResponder(actor));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("SYSTEM")]
    public void Resolve_ConfiguredPersonWithTheBotsId_IsNeitherTheBotNorAResponder(string id)
    {
        var people = Directory(new PersonOptions { Id = id, Groups = ["observers"], Identities = { ["slack"] = "U1" } });

        var fromConsole = people.Resolve(Surfaces.Console, "system");
        var fromSlack = people.Resolve(Surfaces.Slack, "U1");

        Assert.False(people.IsResponder(fromConsole));
        Assert.False(people.IsResponder(fromSlack));
        Assert.NotEqual(Actor.System.Id, fromConsole.Id);
        Assert.NotEqual(Actor.System.Id, fromSlack.Id);
        Assert.Null(people.Find("system"));
    }

    [Fact]
    public void IsResponder_TheBot_IsTrue()
    {
        Assert.True(Directory().IsResponder(Actor.System));
    }
}
