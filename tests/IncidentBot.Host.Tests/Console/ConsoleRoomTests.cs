using IncidentBot.Core.Commands;
using IncidentBot.Core.Messages;
using IncidentBot.Host.Console;
using IncidentBot.TestSupport.Time;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Tests.Console;

/// <summary>What the console's room keeps, in which order and under which ids.</summary>
public sealed class ConsoleRoomTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Said_AppliedWithAPublicAndAnEphemeralReply_KeepsTheLineAndThePublicReplyTogether()
    {
        var room = Room();

        room.Said("alice", "/incident note hi", "INC-1", "tab1", Result(CommandOutcome.Applied,
            new Reply(ReplyVisibility.Ephemeral, Card("only alice", 3)), new Reply(ReplyVisibility.Conversation, Card("everyone", 3))));

        var entries = room.After(0, 10);
        Assert.Equal([(ConsoleRoomEntry.Message, "INC-1", "tab1"), (ConsoleRoomEntry.Reply, "INC-1", "tab1")],
            entries.Select(e => (e.Kind, e.IncidentId!, e.Tab!)));
        Assert.Equal(("alice", "/incident note hi"), (entries[0].User, entries[0].Text));
        Assert.Equal("everyone", entries[1].Card!.Title);
        Assert.Equal(entries[0].Id + 1, entries[1].Id);
    }

    [Theory]
    [InlineData(CommandOutcome.Duplicate, ReplyVisibility.Conversation)]
    [InlineData(CommandOutcome.Refused, ReplyVisibility.Ephemeral)]
    [InlineData(CommandOutcome.Answered, ReplyVisibility.Ephemeral)]
    public void Said_RepeatOrAnsweredOnlyToThePoster_StaysOutOfTheRoom(CommandOutcome outcome, ReplyVisibility visibility)
    {
        var room = Room();

        room.Said("alice", "/incident approve", "INC-1", null, Result(outcome, new Reply(visibility, Card("x", 3))));

        Assert.Empty(room.After(0, 10));
    }

    [Fact]
    public void Notified_SameOutboxRowTwice_IsKeptOnce()
    {
        var room = Room();

        room.Notified(41, "INC-2", Card("Rollback finished", 9, "INC-2"));
        room.Notified(41, "INC-2", Card("Rollback finished", 9, "INC-2"));

        var entry = Assert.Single(room.After(0, 10));
        Assert.Equal((ConsoleRoomEntry.Notification, "INC-2"), (entry.Kind, entry.IncidentId));
    }

    [Fact]
    public void Ids_ANewRun_StartAboveEveryIdOfTheLastRun()
    {
        var clock = new ManualTimeProvider(Start);
        var before = Room(clock);
        for (var i = 0; i < 500; i++) before.Notified(i, "INC-1", Card("n", i));
        clock.Advance(TimeSpan.FromSeconds(1));

        var after = Room(clock);
        after.Notified(1, "INC-1", Card("n", 1));

        Assert.True(after.After(0, 1)[0].Id > before.LastId);
    }

    [Fact]
    public void Join_StreamsOverTheCap_IsRefusedUntilOneLeaves()
    {
        var room = Room(options: new ConsoleRoomOptions { MaxStreams = 1 });
        var first = room.Join(0, out _, out _);

        Assert.NotNull(first);
        Assert.Null(room.Join(0, out _, out _));
        first.Dispose();
        using var again = room.Join(0, out _, out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void Join_ReaderFallsBehindItsBuffer_IsDroppedAndLeavesTheRoom()
    {
        var room = Room(options: new ConsoleRoomOptions { BufferedEntries = 2 });
        using var stream = room.Join(0, out _, out _)!;

        for (var i = 0; i < 3; i++) room.Notified(i, "INC-1", Card("n", i));

        Assert.True(stream.Dropped.IsCancellationRequested);
        Assert.Equal(0, room.StreamCount);
    }

    private static ConsoleRoom Room(TimeProvider? clock = null, ConsoleRoomOptions? options = null) =>
        new(clock ?? new ManualTimeProvider(Start), Options.Create(options ?? new ConsoleRoomOptions()));

    private static CommandResult Result(CommandOutcome outcome, params Reply[] replies) => new("INC-1", replies, outcome);

    private static Card Card(string title, int version, string incident = "INC-1") =>
        new(title, "", [], [], "", IncidentId: incident, Key: $"{incident}@{version}");
}
