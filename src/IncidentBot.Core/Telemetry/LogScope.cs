using System.Collections;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Telemetry;

/// <summary>
/// The state of the log scope one command (or one delivery, one job) runs in: its incident, its surface and its
/// delivery id, as the key/value pairs a logger's <c>BeginScope</c> writes (the JSON console formatter puts them in
/// <c>Scopes</c>; the simple one prints <see cref="ToString"/>). A plain list of pairs, so Core needs no logging
/// package; the surfaces and workers open the scope with their own logger.
/// </summary>
/// <remarks>
/// Mutable on purpose: a declaration's incident id is known only once the engine answers, so the scope is opened at
/// the entry with what is known then and <see cref="IncidentId"/> is filled in when it is resolved; every line logged
/// after that carries it. Loggers read the pairs when they write a line, on the thread that logs.
/// </remarks>
public sealed class LogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>Key of the incident id.</summary>
    public const string IncidentIdKey = "IncidentId";

    /// <summary>Key of the surface.</summary>
    public const string SurfaceKey = "Surface";

    /// <summary>Key of the delivery id (the surface's request identity, or the outbox row for deliveries and jobs).</summary>
    public const string DeliveryIdKey = "DeliveryId";

    /// <summary>A scope for a delivery or a job.</summary>
    /// <param name="surface">One of <see cref="Evidence.Surfaces"/>, or the worker's own name.</param>
    /// <param name="deliveryId">The delivery id; null when there is none.</param>
    /// <param name="incidentId">The incident; null until it is known.</param>
    public LogScope(string surface, string? deliveryId, string? incidentId = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        Surface = surface;
        DeliveryId = deliveryId;
        IncidentId = incidentId;
    }

    /// <summary>The incident, once known (null before).</summary>
    public string? IncidentId { get; set; }

    /// <summary>The surface the command came from or the delivery goes to.</summary>
    public string Surface { get; }

    /// <summary>
    /// The delivery id; may move on to the next outbox row a worker handles. It can come from a client (the console
    /// page sends its own), so control characters become <c>?</c> and it is cut at <see cref="MaxDeliveryIdLength"/>:
    /// a forged id cannot start a log line of its own.
    /// </summary>
    public string? DeliveryId { get => deliveryId; set => deliveryId = Clean(value); }

    /// <summary>Longest delivery id a log line carries.</summary>
    public const int MaxDeliveryIdLength = 200;

    private string? deliveryId;

    /// <summary>Always three pairs.</summary>
    public int Count => 3;

    /// <summary>The pairs: incident id, surface, delivery id.</summary>
    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(IncidentIdKey, IncidentId),
        1 => new(SurfaceKey, Surface),
        2 => new(DeliveryIdKey, DeliveryId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>The scope of a command as <paramref name="envelope"/> carries it: its surface and delivery id, and its
    /// incident when the command names one or is typed in a thread named by one (else filled in later).</summary>
    public static LogScope For(CommandEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var named = CommandParser.Parse(envelope.Text).Command?.IncidentId ?? IncidentIds.Normalize(envelope.ConversationKey);
        return new LogScope(envelope.Surface, envelope.DeliveryId, named);
    }

    /// <summary>The pairs in order.</summary>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? Clean(string? value)
    {
        if (value is null) return null;
        var clipped = value.Length > MaxDeliveryIdLength ? value[..MaxDeliveryIdLength] : value;
        return clipped.Any(char.IsControl) ? string.Concat(clipped.Select(c => char.IsControl(c) ? '?' : c)) : clipped;
    }

    /// <summary><c>IncidentId:INC-7 Surface:slack DeliveryId:…</c>, a dash for what is not known.</summary>
    public override string ToString() =>
        $"{IncidentIdKey}:{IncidentId ?? "-"} {SurfaceKey}:{Surface} {DeliveryIdKey}:{DeliveryId ?? "-"}";
}
