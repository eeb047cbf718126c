using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Storage.Contract.Support;

/// <summary>Small builders for events, incidents, outbox rows and append requests, shared by every store test.</summary>
public static class Drafts
{
    /// <summary>The time every test starts at.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The runbook version the events name.</summary>
    public const string RunbookVersion = "db-failover@3#0123456789ab";

    /// <summary>One event draft.</summary>
    public static EventDraft Event(string type = "NoteAdded", string payload = """{"text":"hello"}""",
        DateTimeOffset? at = null, string actor = "alice") =>
        new(type, actor, Surfaces.Slack, at ?? T0, payload, RunbookVersion);

    /// <summary>An incident projection; the store fills in id and number for a new incident.</summary>
    public static IncidentSummary Summary(string title = "Checkout errors", IncidentState state = IncidentState.Triage,
        Severity? severity = null, int version = 1, DateTimeOffset? updated = null) =>
        new("", 0, title, state, severity, "checkout", "db-failover", RunbookVersion, "0123456789abcdef", "alice",
            version, 0, T0, updated ?? T0);

    /// <summary>Opens a new incident stream with one IncidentDeclared event and its projection.</summary>
    public static AppendRequest Declare(string title = "Checkout errors", string? deliveryId = null) =>
        new(null, 0, [Event("IncidentDeclared", $$"""{"title":"{{title}}"}""")], deliveryId, Summary(title));

    /// <summary>Appends plain notes to an existing stream.</summary>
    public static AppendRequest Notes(string stream, long expectedSeq, int count, string? deliveryId = null) =>
        new(stream, expectedSeq,
            [.. Enumerable.Range(1, count).Select(i => Event("NoteAdded", $$"""{"n":{{i}}}"""))], deliveryId);

    /// <summary>Records a deployment on the changes stream.</summary>
    public static AppendRequest Change(string service, string version, DateTimeOffset deployed, bool approved = true) =>
        new(Streams.Changes, AppendRequest.AnySeq,
            [new EventDraft("ChangeRecorded", "pipeline", Surfaces.Api, deployed, $$"""{"version":"{{version}}"}""", null)],
            Change: new ChangeRecord(service, "model", version, "pipeline", deployed, approved, "ticket CH-1"));

    /// <summary>A Slack notification whose payload is <paramref name="text"/> as a JSON string.</summary>
    public static OutboxDraft Notify(string text, DateTimeOffset? due = null, string target = "slack") =>
        new(OutboxKind.Notify, target, $"\"{text}\"", due);

    /// <summary>An executor job whose payload is <paramref name="text"/> as a JSON string.</summary>
    public static OutboxDraft Job(string text, DateTimeOffset? due = null) => new(OutboxKind.Job, "execute", $"\"{text}\"", due);

    /// <summary>The text an outbox row made by <see cref="Notify"/> or <see cref="Job"/> carries.</summary>
    public static string Text(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.PayloadJson.Trim('"');
    }

    /// <summary>The texts of outbox rows, in order.</summary>
    public static string[] Texts(IEnumerable<OutboxItem> items) => [.. items.Select(Text)];

    /// <summary>The stored result of an append that must have succeeded.</summary>
    public static AppendOutcome.Appended Appended(this AppendOutcome outcome) =>
        Assert.IsType<AppendOutcome.Appended>(outcome);
}
