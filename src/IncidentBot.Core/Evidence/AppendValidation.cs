using System.Globalization;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The checks every <see cref="IEvidenceStore"/> makes on an <see cref="AppendRequest"/> before it takes a lock, and
/// the spelling rules of incident streams, shared so that every store refuses and canonicalises alike.
/// </summary>
public static class AppendValidation
{
    /// <summary>
    /// Refuses a malformed append. Returns the stream to append to in its canonical spelling (<c>inc-7</c> becomes
    /// <c>INC-7</c>, so one incident can never split into two chains), or null for a new incident stream.
    /// </summary>
    /// <exception cref="ArgumentException">The request is malformed (a null, empty or inconsistent part).</exception>
    public static string? Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Events);
        if (request.Events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(request));
        foreach (var draft in request.Events)
        {
            ArgumentNullException.ThrowIfNull(draft);
            ArgumentException.ThrowIfNullOrWhiteSpace(draft.Type);
            ArgumentNullException.ThrowIfNull(draft.Actor);
            ArgumentNullException.ThrowIfNull(draft.Surface);
            ArgumentNullException.ThrowIfNull(draft.PayloadJson);
        }
        if (request.ExpectedSeq < AppendRequest.AnySeq)
            throw new ArgumentOutOfRangeException(nameof(request), request.ExpectedSeq, "ExpectedSeq must be -1 (any) or >= 0.");
        foreach (var draft in request.Outbox ?? [])
        {
            ArgumentNullException.ThrowIfNull(draft);
            ArgumentNullException.ThrowIfNull(draft.Kind);
            ArgumentNullException.ThrowIfNull(draft.Target);
            ArgumentNullException.ThrowIfNull(draft.PayloadJson);
            if (draft.TraceParent is { } parent && !System.Diagnostics.ActivityContext.TryParse(parent, null, out _))
                throw new ArgumentException($"'{parent}' is not a W3C traceparent.", nameof(request));
        }
        foreach (var conversation in request.Conversations ?? [])
        {
            ArgumentNullException.ThrowIfNull(conversation);
            ArgumentException.ThrowIfNullOrWhiteSpace(conversation.Surface);
            ArgumentException.ThrowIfNullOrWhiteSpace(conversation.Channel);
        }
        if (request.Runbook is { } runbook)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(runbook.ContentHash);
            ArgumentNullException.ThrowIfNull(runbook.RunbookId);
            ArgumentNullException.ThrowIfNull(runbook.SourceText);
        }

        if (request.Stream is null)
        {
            if (request.ExpectedSeq is not (0 or AppendRequest.AnySeq))
                throw new ArgumentException("A new incident stream starts empty: ExpectedSeq must be 0 or AnySeq.", nameof(request));
            if (request.Change is not null)
                throw new ArgumentException($"A change record belongs to the '{Streams.Changes}' stream.", nameof(request));
            return null;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Stream, nameof(request));
        var stream = request.Stream.StartsWith(Streams.IncidentPrefix, StringComparison.OrdinalIgnoreCase)
            ? Streams.IncidentPrefix + request.Stream[Streams.IncidentPrefix.Length..]
            : request.Stream;
        if (request.Incident is { } incident)
        {
            if (!TryParseIncidentNumber(stream, out _))
                throw new ArgumentException($"An incident projection belongs to an incident stream, not '{stream}'.", nameof(request));
            if (!string.Equals(incident.Id, stream, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"The projection of {incident.Id} cannot be written with stream {stream}.", nameof(request));
        }
        if (request.Change is not null && stream != Streams.Changes)
            throw new ArgumentException($"A change record belongs to the '{Streams.Changes}' stream, not '{stream}'.", nameof(request));
        return stream;
    }

    /// <summary>The number of an incident stream (<c>INC-7</c> is 7).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="stream"/> is not an incident stream.</exception>
    public static int IncidentNumber(string stream) =>
        TryParseIncidentNumber(stream, out var number)
            ? number
            : throw new InvalidOperationException($"'{stream}' is not an incident stream.");

    /// <summary>True when <paramref name="stream"/> is a canonical incident stream <c>INC-n</c> with n &gt; 0.</summary>
    public static bool TryParseIncidentNumber(string stream, out int number)
    {
        ArgumentNullException.ThrowIfNull(stream);
        number = 0;
        return stream.StartsWith(Streams.IncidentPrefix, StringComparison.Ordinal) &&
               int.TryParse(stream.AsSpan(Streams.IncidentPrefix.Length), NumberStyles.None,
                   CultureInfo.InvariantCulture, out number) &&
               number > 0;
    }
}
