using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Outbox;
using IncidentBot.Host.Console;
using IncidentBot.Host.Delivery;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.Host.Tests.Delivery;

/// <summary>
/// The one delivery worker every surface shares, over the real host's store and engine: what accumulated for an
/// incident goes out together. The host's own console worker is parked (a one-hour poll, after its first empty look),
/// so the notes pile up first and the test's worker finds them all at once: no timing decides the outcome.
/// </summary>
public sealed class CoalescedDeliveryTests : IAsyncLifetime
{
    private const int Notes = 200;
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Governance:People:0:Identities:slack"] = "U0ALICE",
            ["Console:Delivery:PollInterval"] = "01:00:00",
        });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Console_BurstOfNotesFromSlack_FewRoomEntriesHoldingEveryNoteInOrder()
    {
        // Arrange: an incident whose thread is the console; 200 notes typed in Slack (the console room hears them).
        var incident = await bot.DeclareAsync("Burst in the console");
        var engine = bot.App.Services.GetRequiredService<IncidentEngine>();
        for (var i = 1; i <= Notes; i++)
        {
            var result = await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", $"/incident note {incident} burst <b>{i}</b> & more",
                null, $"burst-{i}"), CancellationToken.None);
            Assert.Equal(CommandOutcome.Applied, result.Outcome);
        }
        var room = bot.App.Services.GetRequiredService<ConsoleRoom>();
        var before = room.LastId;

        // Act
        await DeliverAllAsync(bot.App.Services.GetServices<INotificationSender>().Single(s => s.Surface == Surfaces.Console));

        // Assert: a handful of entries (one per 2,500 characters of lines), every note's text once, in order.
        var entries = room.After(before, 1000).Where(e => e.Kind == ConsoleRoomEntry.Notification && e.IncidentId == incident).ToList();
        Assert.InRange(entries.Count, 1, 5);
        var lines = entries.SelectMany(e => e.Card!.Text.Split('\n')).ToList();
        var alice = engine.People.Find("alice")!.DisplayName;
        Assert.Equal(Enumerable.Range(1, Notes).Select(i => $"{alice}: note: burst <b>{i}</b> & more"), lines);
    }

    [Fact]
    public async Task Worker_DeclarationThenBurstThenTriage_RootOnceLinesInOrderTheCardLastOneRootRefresh()
    {
        // Arrange: an incident announced in Slack channel C9 (no Slack worker runs here: its rows wait), 200 notes,
        // then a triage (people choose a containment next: a card with buttons), then one more note.
        var engine = bot.App.Services.GetRequiredService<IncidentEngine>();
        var declared = await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", "/incident declare Burst sev3 runbook=ai-assistant-drift",
            "C9", "declare", null, new ConversationReference(Surfaces.Slack, "C9")), CancellationToken.None);
        var incident = declared.IncidentId!;
        for (var i = 1; i <= Notes; i++)
            await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", $"/incident note {incident} note {i}", null, $"n-{i}"), CancellationToken.None);
        Assert.Equal(CommandOutcome.Applied, (await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", $"/incident triage {incident} sev2", null, "t"),
            CancellationToken.None)).Outcome);
        await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", $"/incident note {incident} after the triage", null, "n-last"), CancellationToken.None);
        var sender = new RecordingSender(Surfaces.Slack);

        // Act
        await DeliverAllAsync(sender);

        // Assert: the root first (no lines), then line messages, the triage's card (the lines up to it leading it), the
        // last note.
        var alice = engine.People.Find("alice")!.DisplayName;
        var sent = sender.Deliveries;
        Assert.Null(sent[0].Conversation.Thread);
        Assert.Null(sent[0].Lines);
        Assert.InRange(sent.Count, 4, 8);
        var card = Assert.Single(sent, d => d.Change is not null);
        Assert.Same(card, sent[^2]);
        Assert.StartsWith($"{alice}: triaged as sev2", card.Lines![^1], StringComparison.Ordinal);
        Assert.StartsWith(string.Join('\n', card.Lines), card.Change!.Text, StringComparison.Ordinal);
        Assert.NotEmpty(card.Change.Buttons);
        Assert.Equal([$"{alice}: note: after the triage"], sent[^1].Lines);
        var noteLines = sent.Skip(1).SkipLast(2).SelectMany(d => d.Lines!).Concat(card.Lines!).Where(l => l.Contains(": note: ", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, Notes).Select(i => $"{alice}: note: note {i}"), noteLines);
        Assert.Equal([false, true], sent.Skip(1).Select(d => d.RefreshRoot).Distinct().Order());
        Assert.True(sent[^1].RefreshRoot);
        Assert.All(sent.Skip(1), d => Assert.Equal("1700000000.000001", d.Conversation.Thread));
    }

    [Fact]
    public async Task Worker_RowFromBeforeLinesCarryingItsCard_DeliveredAsThatCardBetweenTheLinesAroundIt()
    {
        // Arrange: a database written by an older bot holds a notify row carrying a whole card, between newer rows.
        var engine = bot.App.Services.GetRequiredService<IncidentEngine>();
        var store = bot.App.Services.GetRequiredService<SqliteStore>();
        var incident = (await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", "/incident declare Old rows sev3 runbook=ai-assistant-drift",
            "C9", "declare", null, new ConversationReference(Surfaces.Slack, "C9")), CancellationToken.None)).IncidentId!;
        await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", $"/incident note {incident} before", null, "n-1"), CancellationToken.None);
        var legacy = new Core.Messages.Card($"{incident} · an old card", "as an older bot rendered it", [], [], "", IncidentId: incident, Key: $"{incident}@3");
        var note = new NoteAdded("written by an older bot");
        Assert.IsType<AppendOutcome.Appended>(await store.AppendAsync(new AppendRequest(incident, AppendRequest.AnySeq,
            [new EventDraft(EventCodec.TypeName(note), "alice", Surfaces.Slack, DateTimeOffset.UtcNow, EventCodec.Serialize(note), null)],
            Outbox: [OutboxDrafts.Notify(Surfaces.Slack, new Notification(incident, null, legacy, null, new ConversationReference(Surfaces.Slack, "C9")))]),
            CancellationToken.None));
        await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", $"/incident note {incident} after", null, "n-2"), CancellationToken.None);
        var sender = new RecordingSender(Surfaces.Slack);

        // Act
        await DeliverAllAsync(sender);

        // Assert
        var alice = engine.People.Find("alice")!.DisplayName;
        var sent = sender.Deliveries;
        Assert.Equal(4, sent.Count);
        Assert.Equal([$"{alice}: note: before"], sent[1].Lines);
        Assert.Equal((legacy.Title, legacy.Text, legacy.Key), (sent[2].Change?.Title, sent[2].Change?.Text, sent[2].Change?.Key));
        Assert.Null(sent[2].Lines);
        Assert.Equal([$"{alice}: note: after"], sent[3].Lines);
    }

    /// <summary>Runs a delivery worker with <paramref name="sender"/> until the sender's surface has no undelivered row.</summary>
    private async Task DeliverAllAsync(INotificationSender sender)
    {
        var store = bot.App.Services.GetRequiredService<SqliteStore>();
        var worker = new DeliveryWorker(sender, store, bot.App.Services.GetRequiredService<IncidentEngine>(), store, TimeProvider.System,
            new DeliveryOptions { PollInterval = TimeSpan.FromMilliseconds(20) }, NullLogger<DeliveryWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while ((await store.ReadOutboxAsync(OutboxKind.Notify, sender.Surface, 0, 10_000, CancellationToken.None)).Any(n => n.DoneUtc is null))
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, "not delivered within 30 s");
                await Task.Delay(20);
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Accepts everything; a delivery to a conversation without a thread starts one.</summary>
    private sealed class RecordingSender(string surface) : INotificationSender
    {
        private readonly List<NotificationDelivery> deliveries = [];

        public string Surface => surface;

        public List<NotificationDelivery> Deliveries
        {
            get { lock (deliveries) return [.. deliveries]; }
        }

        public Task<DeliveryResult> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
        {
            lock (deliveries) deliveries.Add(delivery);
            return Task.FromResult<DeliveryResult>(delivery.Conversation.Thread is null
                ? new DeliveryResult.Delivered(delivery.Conversation with { Thread = "1700000000.000001" })
                : new DeliveryResult.Delivered());
        }
    }
}
