using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;

namespace IncidentBot.Core.Tests.Conversations;

public sealed class ThreadLinesTests
{
    private static readonly PeopleDirectory People = new(new GovernanceOptions
    {
        People = [new PersonOptions { Id = "alice", Name = "Alice (on-call)" }],
    });

    [Fact]
    public void Describe_NotesOfAKnownPersonTheBotAndAStranger_WhoThenWhatOnOneLineInOrder()
    {
        // Arrange
        IncidentEvent[] events = [new NoteAdded("customers ask\nabout refunds"), new NoteAdded("bot says hi"), new NoteAdded("who am I")];
        string[] actors = ["alice", Actor.System.Id, "slack:U0STRANGER"];
        var stored = events.Select((e, i) => new EvidenceEvent("INC-1", i + 5, "", EventCodec.TypeName(e), actors[i], Surfaces.Slack,
            DateTimeOffset.UnixEpoch, EventCodec.Serialize(e), null, "", "")).ToList();

        // Act
        var lines = ThreadLines.Describe(stored, People);

        // Assert
        Assert.Equal([5L, 6L, 7L], lines.Select(l => l.Seq));
        Assert.Equal(["Alice (on-call): note: customers ask about refunds", "IncidentBot: note: bot says hi", "U0STRANGER: note: who am I"],
            lines.Select(l => l.Text));
    }

    [Fact]
    public void Prefix_LinesAndACard_TheLinesLeadTheCardsTextButtonsKept()
    {
        // Arrange
        var card = new Card("INC-1", "Choose a containment.", [], [new CardButton("Roll back", "/incident contain INC-1 rollback")], "");

        // Act
        var prefixed = ThreadLines.Prefix(card, ["alice: triaged as sev2"]);

        // Assert
        Assert.Equal("alice: triaged as sev2\n\nChoose a containment.", prefixed.Text);
        Assert.Equal(card.Buttons, prefixed.Buttons);
        Assert.Same(card, ThreadLines.Prefix(card, []));
    }

    [Fact]
    public void Describe_DrillDeclaredAndRealIncidentDeclared_OnlyTheDrillSaysDrill()
    {
        // Arrange
        var real = new IncidentDeclared("Refunds promised", null, "assistant", "rb", "hash", "rb@1", "alice", Surfaces.Slack, null);
        IncidentEvent[] events = [real with { Title = "Drill: Roll back", Drill = true }, real];
        var stored = events.Select((e, i) => new EvidenceEvent("INC-1", i + 1, "", EventCodec.TypeName(e), "alice", Surfaces.Slack,
            DateTimeOffset.UnixEpoch, EventCodec.Serialize(e), null, "", "")).ToList();

        // Act
        var lines = ThreadLines.Describe(stored, People);

        // Assert
        Assert.Equal("Alice (on-call): started a DRILL (practice incident, not a real one) \"Drill: Roll back\" (severity not set, service assistant, runbook rb@1)", lines[0].Text);
        Assert.Equal("Alice (on-call): declared \"Refunds promised\" (severity not set, service assistant, runbook rb@1)", lines[1].Text);
    }
}
