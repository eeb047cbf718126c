using System.Runtime.CompilerServices;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                $"SELECT {SqliteRows.EventColumns} FROM events WHERE stream = $stream ORDER BY seq;")
            .With("$stream", stream)
            .ListAsync(SqliteRows.Event, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EvidenceEvent>> ReadStreamAfterAsync(string stream, long afterSeq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                $"SELECT {SqliteRows.EventColumns} FROM events WHERE stream = $stream AND seq > $after ORDER BY seq;")
            .With("$stream", stream).With("$after", afterSeq)
            .ListAsync(SqliteRows.Event, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Streams come in ordinal order of their names; the whole walk reads one consistent snapshot.</remarks>
    public async IAsyncEnumerable<EvidenceEvent> ReadAllAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.Sql(null,
            $"SELECT {SqliteRows.EventColumns} FROM events ORDER BY stream, seq;");
        Microsoft.Data.Sqlite.SqliteDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
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
                    next = SqliteRows.Event(reader);
                }
                catch (Microsoft.Data.Sqlite.SqliteException e)
                {
                    throw Unavailable(e);
                }
                yield return next;
            }
        }
    }
}
