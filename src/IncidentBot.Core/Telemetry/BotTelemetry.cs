using System.Diagnostics;

namespace IncidentBot.Core.Telemetry;

/// <summary>
/// The names the bot's own telemetry goes out under: one <see cref="ActivitySource"/> for its spans and one meter
/// name for its instruments. Both are plain .NET diagnostics types, so Core depends on no telemetry SDK; the host
/// decides whether anything listens (OpenTelemetry, <c>Host/Telemetry</c>).
/// </summary>
public static class BotTelemetry
{
    /// <summary>The activity source's and the meter's name.</summary>
    public const string Name = "IncidentBot";

    /// <summary>Where the bot's own spans start. Starting one costs nothing when nobody listens.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// The W3C <c>traceparent</c> of the current span, to store with work done later (an outbox row), or null when
    /// nothing is being traced.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>
    /// Starts a span of work caused earlier: a child of <paramref name="traceParent"/> when that is a valid W3C
    /// <c>traceparent</c>, else a child of the current span (if any). Other causes' trace parents become links.
    /// Null when nobody listens.
    /// </summary>
    /// <param name="name">The span's name (one of <see cref="BotSpans"/>).</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="traceParent">The stored trace parent of the work's cause.</param>
    /// <param name="others">Trace parents of other causes the same span serves (coalesced work).</param>
    public static Activity? StartCaused(string name, ActivityKind kind, string? traceParent, IEnumerable<string?>? others = null)
    {
        var links = new List<ActivityLink>();
        foreach (var other in others ?? [])
            if (other != traceParent && other is not null && ActivityContext.TryParse(other, null, out var linked))
                links.Add(new ActivityLink(linked));
        return traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            ? Source.StartActivity(name, kind, parent, links: links)
            : Source.StartActivity(name, kind, default(ActivityContext), links: links);
    }

    /// <summary>
    /// Starts a span of work that was scheduled to run later (a timer: a reminder, an escalation) as the root of a new
    /// trace, linked to <paramref name="traceParent"/> when that is a valid W3C <c>traceparent</c>. A timer may fire hours
    /// after the command that set it; as a child it would stretch that command's trace over hours, so it gets its own
    /// trace and a link back. Null when nobody listens.
    /// </summary>
    /// <param name="name">The span's name (one of <see cref="BotSpans"/>).</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="traceParent">The stored trace parent of the command that scheduled the work.</param>
    public static Activity? StartScheduled(string name, ActivityKind kind, string? traceParent)
    {
        ActivityLink[] links = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var cause)
            ? [new ActivityLink(cause)]
            : [];
        // A root: whatever span is current on this thread is not its parent.
        Activity.Current = null;
        return Source.StartActivity(name, kind, default(ActivityContext), links: links);
    }
}
