using System.Runtime.CompilerServices;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared;
using Npgsql;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                $"SELECT {StoredRows.EventColumns} FROM events WHERE stream = @stream ORDER BY seq;")
            .With("stream", stream)
            .ListAsync(StoredRows.Event, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EvidenceEvent>> ReadStreamAfterAsync(string stream, long afterSeq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                $"SELECT {StoredRows.EventColumns} FROM events WHERE stream = @stream AND seq > @after ORDER BY seq;")
            .With("stream", stream).With("after", afterSeq)
            .ListAsync(StoredRows.Event, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Ordered by stream (byte order of the UTF-8 name, as SQLite orders them) then sequence, as
    /// <see cref="EvidenceVerifier"/> needs; the whole walk is one statement, so it reads one consistent snapshot.</remarks>
    public async IAsyncEnumerable<EvidenceEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.Sql(null, $"SELECT {StoredRows.EventColumns} FROM events ORDER BY stream, seq;");
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Unavailable(e);
        }
        await using (reader)
        {
            while (true)
            {
                EvidenceEvent next;
                try
                {
                    if (!await reader.ReadAsync(cancellationToken)) yield break;
                    next = StoredRows.Event(reader);
                }
                catch (NpgsqlException e)
                {
                    throw Unavailable(e);
                }
                yield return next;
            }
        }
    }
}
