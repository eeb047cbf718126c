using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Storage.Sqlite.Tests.Support;

/// <summary>Small builders for events, incidents and append requests.</summary>
internal static class Drafts
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public const string RunbookVersion = "db-failover@3#0123456789ab";

    public static EventDraft Event(string type = "NoteAdded", string payload = """{"text":"hello"}""",
        DateTimeOffset? at = null, string actor = "alice") =>
        new(type, actor, Surfaces.Slack, at ?? T0, payload, RunbookVersion);

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

    public static AppendRequest Change(string service, string version, DateTimeOffset deployed, bool approved = true) =>
        new(Streams.Changes, AppendRequest.AnySeq,
            [new EventDraft("ChangeRecorded", "pipeline", Surfaces.Api, deployed, $$"""{"version":"{{version}}"}""", null)],
            Change: new ChangeRecord(service, "model", version, "pipeline", deployed, approved, "ticket CH-1"));

    /// <summary>The stored result of an append that must have succeeded.</summary>
    public static AppendOutcome.Appended Appended(this AppendOutcome outcome) =>
        Assert.IsType<AppendOutcome.Appended>(outcome);
}
