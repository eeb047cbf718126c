using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Core.Outbox;

/// <summary>Builds outbox drafts with typed kinds and payloads, so kinds and payload JSON are written in one place. Each
/// draft carries the trace of the span it was made in (<see cref="BotTelemetry.CurrentTraceParent"/>), so the worker
/// that delivers or runs it continues the trace of the command that caused it.</summary>
public static class OutboxDrafts
{
    /// <summary>A job of <paramref name="kind"/> due at <paramref name="due"/>, carrying the current trace.</summary>
    public static OutboxDraft Job<T>(JobKind kind, T payload, DateTimeOffset due) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (payload.GetType() != kind.PayloadType) throw new ArgumentException($"A {kind} job carries a {kind.PayloadType.Name}.", nameof(payload));
        return new(OutboxKind.Job, kind.Name, JsonSerializer.Serialize(payload, EventCodec.Options), due, BotTelemetry.CurrentTraceParent());
    }

    /// <summary>A notification for the conversation <see cref="Notification.To"/> on its surface, carrying the current trace.</summary>
    public static OutboxDraft Notify(string surface, Notification notification) =>
        new(OutboxKind.Notify, surface, JsonSerializer.Serialize(notification, EventCodec.Options), TraceParent: BotTelemetry.CurrentTraceParent());

    /// <summary>The payload of an item, as its kind says.</summary>
    public static T Read<T>(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return JsonSerializer.Deserialize<T>(item.PayloadJson, EventCodec.Options)
               ?? throw new JsonException($"Outbox item {item.Id} ({item.Kind}/{item.Target}) holds no payload.");
    }
}
