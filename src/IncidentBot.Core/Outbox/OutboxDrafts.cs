using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Outbox;

/// <summary>Builds outbox drafts with typed kinds and payloads, so kinds and payload JSON are written in one place.</summary>
public static class OutboxDrafts
{
    /// <summary>A job of <paramref name="kind"/> due at <paramref name="due"/>.</summary>
    public static OutboxDraft Job<T>(JobKind kind, T payload, DateTimeOffset due) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (payload.GetType() != kind.PayloadType) throw new ArgumentException($"A {kind} job carries a {kind.PayloadType.Name}.", nameof(payload));
        return new(OutboxKind.Job, kind.Name, JsonSerializer.Serialize(payload, EventCodec.Options), due);
    }

    /// <summary>A notification for the conversation <see cref="Notification.To"/> on its surface.</summary>
    public static OutboxDraft Notify(string surface, Notification notification) =>
        new(OutboxKind.Notify, surface, JsonSerializer.Serialize(notification, EventCodec.Options));

    /// <summary>The payload of an item, as its kind says.</summary>
    public static T Read<T>(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return JsonSerializer.Deserialize<T>(item.PayloadJson, EventCodec.Options)
               ?? throw new JsonException($"Outbox item {item.Id} ({item.Kind}/{item.Target}) holds no payload.");
    }
}
