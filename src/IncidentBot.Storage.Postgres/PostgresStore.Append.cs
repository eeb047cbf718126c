using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared;
using Npgsql;
using NpgsqlTypes;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string StreamSeqConstraint = "events_stream_seq";

    /// <inheritdoc />
    /// <remarks>Same outcomes as the SQLite store. A duplicate or a conflict rolls the transaction back, so an
    /// allocated incident number and the delivery row vanish with it.</remarks>
    public async Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var stream = AppendValidation.Validate(request);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            NpgsqlTransaction transaction;
            try
            {
                transaction = await connection.BeginTransactionAsync(cancellationToken);
            }
            catch (NpgsqlException e)
            {
                throw Unavailable(e);
            }
            await using (transaction)
            {
                var outcome = await AppendInTransactionAsync(connection, transaction, stream, request, cancellationToken);
                try
                {
                    if (outcome is AppendOutcome.Appended) await transaction.CommitAsync(cancellationToken);
                    else await transaction.RollbackAsync(cancellationToken);
                }
                catch (NpgsqlException e)
                {
                    throw Unavailable(e);
                }
                return outcome;
            }
        }
        catch (StoreUnavailableException e) when (stream is not null && IsStreamSeqRace(e))
        {
            // A writer that did not take the stream's lock won the slot between our read of the head and our insert.
            // The lock should make this impossible; answer like any lost race.
            return new AppendOutcome.Conflict(await ReadLastSeqAsync(stream, cancellationToken));
        }
    }

    private async Task<AppendOutcome> AppendInTransactionAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, string? requestedStream, AppendRequest request,
        CancellationToken cancellationToken)
    {
        var now = Now();
        var stream = requestedStream ?? await AllocateIncidentStreamAsync(connection, transaction, cancellationToken);
        // Held to the commit: the next statement reads the head another node committed before we got the lock.
        await connection.Sql(transaction, "SELECT pg_advisory_xact_lock(@key);")
            .With("key", StreamLockKey(stream), NpgsqlDbType.Bigint).RunAsync(cancellationToken);
        var (lastSeq, lastHash) = await ReadStreamHeadAsync(connection, transaction, stream, cancellationToken);

        var deliveriesAdded = 0;
        // Duplicate before conflict: a retried request finds the stream already moved on by its own first attempt.
        if (request.DeliveryId is { } deliveryId)
        {
            var fresh = await connection.Sql(transaction, """
                INSERT INTO deliveries (delivery_id, stream, seq, received_utc) VALUES (@id, @stream, @seq, @at)
                ON CONFLICT (delivery_id) DO NOTHING;
                """)
                .With("id", deliveryId).With("stream", stream).With("seq", lastSeq + request.Events.Count)
                .With("at", now).RunAsync(cancellationToken) == 1;
            if (!fresh)
            {
                var earlier = await connection.Sql(transaction, "SELECT stream FROM deliveries WHERE delivery_id = @id;")
                    .With("id", deliveryId).ScalarAsync<string>(cancellationToken);
                return new AppendOutcome.Duplicate(earlier!);
            }
            deliveriesAdded = 1;
        }

        if (request.ExpectedSeq != AppendRequest.AnySeq && request.ExpectedSeq != lastSeq)
            return new AppendOutcome.Conflict(lastSeq);

        var events = await InsertEventsAsync(connection, transaction, stream, lastSeq, lastHash, request.Events,
            cancellationToken);
        var finalSeq = events[^1].Seq;
        if (request.Incident is { } incident)
        {
            var summary = incident with { Id = stream, Number = AppendValidation.IncidentNumber(stream), LastSeq = finalSeq };
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
        var checkpoint = await WriteCheckpointAsync(connection, transaction,
            new StreamHead(stream, finalSeq, events[^1].Hash), deliveriesAdded, runbooksAdded, cancellationToken);
        return new AppendOutcome.Appended(stream, events) { Seal = checkpoint.Hash };
    }

    /// <summary>The advisory lock key of a stream: the first 8 bytes of the SHA-256 of its UTF-8 name, so every node
    /// and every build computes the same key. A collision only makes two streams wait for each other.</summary>
    internal static long StreamLockKey(string stream) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(stream)));

    private static async Task<string> AllocateIncidentStreamAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        while (true)
        {
            // The UPDATE locks the counter row to the commit, so two nodes never get the same number. Never hand out
            // a number the projection already holds, even if the counter was left behind.
            var number = await connection.Sql(transaction, """
                UPDATE incident_counter
                SET last = GREATEST(last, (SELECT COALESCE(MAX(number), 0) FROM incidents)) + 1
                WHERE id = 1
                RETURNING last;
                """).ScalarAsync<long>(cancellationToken);
            var stream = Streams.IncidentPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var taken = await connection.Sql(transaction, "SELECT EXISTS (SELECT 1 FROM events WHERE stream = @s);")
                .With("s", stream).ScalarAsync<bool>(cancellationToken);
            if (!taken) return stream;
        }
    }

    private static async Task<(long Seq, string Hash)> ReadStreamHeadAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, string stream, CancellationToken cancellationToken)
    {
        var heads = await connection.Sql(transaction,
                "SELECT seq, hash FROM events WHERE stream = @s ORDER BY seq DESC LIMIT 1;")
            .With("s", stream)
            .ListAsync(r => (r.GetInt64(0), r.GetString(1)), cancellationToken);
        return heads.Count == 0 ? (0, EvidenceHasher.Genesis) : heads[0];
    }

    private static async Task<IReadOnlyList<EvidenceEvent>> InsertEventsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, string stream, long lastSeq, string lastHash, IReadOnlyList<EventDraft> drafts,
        CancellationToken cancellationToken)
    {
        var events = EventChain.Extend(stream, lastSeq, lastHash, drafts);
        foreach (var e in events)
            await connection.Sql(transaction, $"""
                INSERT INTO events ({StoredRows.EventColumns})
                VALUES (@stream, @seq, @id, @type, @actor, @surface, @at, @payload, @runbook, @prev, @hash);
                """)
                .With("stream", e.Stream).With("seq", e.Seq).With("id", e.EventId).With("type", e.Type)
                .With("actor", e.Actor).With("surface", e.Surface).With("at", EvidenceHasher.FormatTime(e.OccurredUtc))
                .With("payload", e.PayloadJson).With("runbook", e.RunbookVersion)
                .With("prev", e.PrevHash).With("hash", e.Hash)
                .RunAsync(cancellationToken);
        return events;
    }

    private static bool IsStreamSeqRace(StoreUnavailableException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p &&
        p.ConstraintName == StreamSeqConstraint;

    private async Task<long> ReadLastSeqAsync(string stream, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE stream = @s;")
            .With("s", stream).ScalarAsync<long>(cancellationToken);
    }
}
