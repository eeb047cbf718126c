using IncidentBot.Core.Evidence;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // SQLITE_CONSTRAINT_UNIQUE: the extended result code of a unique-index violation.
    private const int UniqueConstraintFailed = 2067;

    /// <inheritdoc />
    public async Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var stream = ValidateAppend(request);
        try
        {
            // Only an append is kept; a duplicate or a conflict is rolled back to its savepoint, so the allocated
            // incident number and the delivery row vanish with it.
            return await WriteAsync(
                (connection, transaction) => AppendInTransactionAsync(connection, transaction, stream, request, cancellationToken),
                static outcome => outcome is AppendOutcome.Appended,
                static (outcome, seal) => outcome is AppendOutcome.Appended appended ? appended with { Seal = seal } : outcome,
                durable: true, cancellationToken);
        }
        catch (StoreUnavailableException e) when (stream is not null && e.InnerException is SqliteException s && IsStreamSeqRace(s))
        {
            // Another writer that does not share our gate (a second process) won the slot between our read of the
            // stream head and our insert. BEGIN IMMEDIATE should make this impossible; answer like any lost race.
            return new AppendOutcome.Conflict(await ReadLastSeqAsync(stream, cancellationToken));
        }
    }

    private async Task<AppendOutcome> AppendInTransactionAsync(SqliteConnection connection,
        SqliteTransaction transaction, string? requestedStream, AppendRequest request,
        CancellationToken cancellationToken)
    {
        var now = Now();
        var stream = requestedStream ?? await AllocateIncidentStreamAsync(connection, transaction, cancellationToken);
        var (lastSeq, lastHash) = await ReadStreamHeadAsync(connection, transaction, stream, cancellationToken);

        var deliveriesAdded = 0;
        // Duplicate before conflict: a retried request finds the stream already moved on by its own first attempt.
        if (request.DeliveryId is { } deliveryId)
        {
            var fresh = await connection.Sql(transaction, """
                INSERT INTO deliveries (delivery_id, stream, seq, received_utc) VALUES ($id, $stream, $seq, $at)
                ON CONFLICT (delivery_id) DO NOTHING;
                """)
                .With("$id", deliveryId).With("$stream", stream).With("$seq", lastSeq + request.Events.Count)
                .With("$at", now).RunAsync(cancellationToken) == 1;
            deliveriesAdded = fresh ? 1 : 0;
            if (!fresh)
            {
                var earlier = await connection.Sql(transaction, "SELECT stream FROM deliveries WHERE delivery_id = $id;")
                    .With("$id", deliveryId).ScalarAsync<string>(cancellationToken);
                return new AppendOutcome.Duplicate(earlier!);
            }
        }

        if (request.ExpectedSeq != AppendRequest.AnySeq && request.ExpectedSeq != lastSeq)
            return new AppendOutcome.Conflict(lastSeq);

        var events = await InsertEventsAsync(connection, transaction, stream, lastSeq, lastHash, request.Events,
            cancellationToken);
        var finalSeq = events[^1].Seq;
        if (request.Incident is { } incident)
        {
            var summary = incident with { Id = stream, Number = IncidentNumber(stream), LastSeq = finalSeq };
            await UpsertIncidentAsync(connection, transaction, summary, cancellationToken);
        }
        if (request.Change is { } change)
            await InsertChangeAsync(connection, transaction, change, finalSeq, cancellationToken);
        foreach (var draft in request.Outbox ?? [])
            await InsertOutboxAsync(connection, transaction, stream, draft, now, cancellationToken);
        var runbooksAdded = request.Runbook is { } runbook
            ? await InsertRunbookAsync(connection, transaction, runbook, cancellationToken)
            : 0;
        foreach (var conversation in request.Conversations ?? [])
            await BindConversationAsync(connection, transaction, stream, conversation, now, cancellationToken);
        // The transaction's one checkpoint covers this head; its hash becomes the outcome's seal at the commit.
        _moved.Stage(new StreamHead(stream, finalSeq, events[^1].Hash), deliveriesAdded, runbooksAdded);
        return new AppendOutcome.Appended(stream, events);
    }

    private static async Task<string> AllocateIncidentStreamAsync(SqliteConnection connection,
        SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Never hand out a number the projection already holds, even if the counter was left behind.
            var number = await connection.Sql(transaction, """
                UPDATE incident_counter
                SET last = MAX(last, (SELECT COALESCE(MAX(number), 0) FROM incidents)) + 1
                WHERE id = 1
                RETURNING last;
                """).ScalarAsync<long>(cancellationToken);
            var stream = Streams.IncidentPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var taken = await connection.Sql(transaction, "SELECT EXISTS (SELECT 1 FROM events WHERE stream = $s);")
                .With("$s", stream).ScalarAsync<long>(cancellationToken);
            if (taken == 0) return stream;
        }
    }

    private static async Task<(long Seq, string Hash)> ReadStreamHeadAsync(SqliteConnection connection,
        SqliteTransaction transaction, string stream, CancellationToken cancellationToken)
    {
        var heads = await connection.Sql(transaction,
                "SELECT seq, hash FROM events WHERE stream = $s ORDER BY seq DESC LIMIT 1;")
            .With("$s", stream)
            .ListAsync(r => (r.GetInt64(0), r.GetString(1)), cancellationToken);
        return heads.Count == 0 ? (0, EvidenceHasher.Genesis) : heads[0];
    }

    private static async Task<IReadOnlyList<EvidenceEvent>> InsertEventsAsync(SqliteConnection connection,
        SqliteTransaction transaction, string stream, long lastSeq, string lastHash, IReadOnlyList<EventDraft> drafts,
        CancellationToken cancellationToken)
    {
        var events = EventChain.Extend(stream, lastSeq, lastHash, drafts);
        foreach (var e in events)
            await connection.Sql(transaction, $"""
                INSERT INTO events ({SqliteRows.EventColumns})
                VALUES ($stream, $seq, $id, $type, $actor, $surface, $at, $payload, $runbook, $prev, $hash);
                """)
                .With("$stream", e.Stream).With("$seq", e.Seq).With("$id", e.EventId).With("$type", e.Type)
                .With("$actor", e.Actor).With("$surface", e.Surface).With("$at", EvidenceHasher.FormatTime(e.OccurredUtc))
                .With("$payload", e.PayloadJson).With("$runbook", e.RunbookVersion)
                .With("$prev", e.PrevHash).With("$hash", e.Hash)
                .RunAsync(cancellationToken);
        return events;
    }

    private static bool IsStreamSeqRace(SqliteException e) =>
        e.SqliteExtendedErrorCode == UniqueConstraintFailed &&
        e.Message.Contains("events.stream, events.seq", StringComparison.Ordinal);

    private async Task<long> ReadLastSeqAsync(string stream, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE stream = $s;")
            .With("$s", stream).ScalarAsync<long>(cancellationToken);
    }
}
