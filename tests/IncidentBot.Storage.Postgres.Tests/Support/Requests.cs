using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Storage.Postgres.Tests.Support;

/// <summary>Append requests for the store tests.</summary>
internal static class Requests
{
    public static readonly DateTimeOffset At = new(2026, 12, 3, 8, 30, 0, TimeSpan.Zero);

    public static EventDraft Note(string payload = """{"text":"note"}""", string type = "NoteAdded") =>
        new(type, "bob", Surfaces.Console, At, payload, "restart-service@1#abc");

    public static AppendRequest NewIncident(string title, string? deliveryId = null) =>
        new(null, 0, [Note($$"""{"title":"{{title}}"}""", "IncidentDeclared")], deliveryId,
            new IncidentSummary("", 0, title, IncidentState.Triage, Severity.Sev2, "payments", "restart-service",
                "restart-service@1#abc", "feedc0de", "bob", 1, 0, At, At));

    public static AppendRequest Notes(string stream, long expectedSeq, int count, string? deliveryId = null) =>
        new(stream, expectedSeq, [.. Enumerable.Range(1, count).Select(i => Note($$"""{"i":{{i}}}"""))], deliveryId);

    public static AppendRequest Change(string service, string version, DateTimeOffset deployed) =>
        new(Streams.Changes, AppendRequest.AnySeq,
            [new EventDraft("ChangeRecorded", "ci", Surfaces.Api, deployed, $$"""{"v":"{{version}}"}""", null)],
            Change: new ChangeRecord(service, "app", version, "ci", deployed, true, "rollout"));

    public static AppendOutcome.Appended Appended(this AppendOutcome outcome) =>
        Assert.IsType<AppendOutcome.Appended>(outcome);
}
