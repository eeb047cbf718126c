using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Postgres.Schema;
using Npgsql;

namespace IncidentBot.Storage.Postgres;

/// <summary>
/// The shared store on one PostgreSQL database, for several bot nodes at once: the SQLite store's hash-chained
/// evidence streams, incident and change projections, conversation bindings, pinned runbook texts, outbox rows and
/// signed checkpoints, with its guarantees. Each append is one transaction, committed before it returns. Appends to
/// one stream are serialised across nodes by a transaction advisory lock on the stream (the unique (stream, seq)
/// index is the backstop); new incident numbers come from the locked counter row; the checkpoint chain is one chain
/// for the whole database, so its tail is written under a second advisory lock, taken last and held to the commit.
/// Call <see cref="InitializeAsync"/> once before anything else.
/// </summary>
public sealed partial class PostgresStore : IEvidenceStore, IIncidentReadModel, IChangeReadModel, IStoreWriteProbe, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly string _signingKeyPath;
    private readonly Lock _signingKeyGate = new();
    private EvidenceSigningKey? _signingKey;

    /// <summary>Creates a store over <see cref="PostgresStoreOptions.ConnectionString"/>; nothing is opened until used.</summary>
    public PostgresStore(PostgresStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SigningKeyPath, nameof(options));
        _time = timeProvider;
        _signingKeyPath = Path.GetFullPath(options.SigningKeyPath);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Location = $"PostgreSQL database {builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Where the store is, for logs and messages: database, host and port, never a credential.</summary>
    public string Location { get; }

    /// <summary>The full path of the checkpoint signing key (<see cref="PostgresStoreOptions.SigningKeyPath"/>).</summary>
    public string SigningKeyPath => _signingKeyPath;

    /// <inheritdoc />
    /// <remarks>Runs <see cref="PostgresSchemaMigrator"/> (nodes starting together wait for each other) and loads, or
    /// on the database's first start creates, the signing key; a node whose key is not the database's does not start
    /// (<see cref="StoreUnavailableException"/>).</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            await PostgresSchemaMigrator.MigrateAsync(connection, cancellationToken);
            await AdoptSigningKeyAsync(connection, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Closes the pooled connections and releases the signing key.</summary>
    public void Dispose()
    {
        _dataSource.Dispose();
        _signingKey?.Dispose();
    }

    /// <summary>Closes the pooled connections and releases the signing key.</summary>
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _signingKey?.Dispose();
    }

    /// <summary>An open connection from the store's pool.</summary>
    internal async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>The store's own exception for a PostgreSQL failure: callers never see a provider's exception type.</summary>
    internal static StoreUnavailableException Unavailable(NpgsqlException e) =>
        new($"The evidence store could not complete the operation (PostgreSQL {(e as PostgresException)?.SqlState ?? "connection"} error: {e.Message})", e);

    private string Now() => EvidenceHasher.FormatTime(_time.GetUtcNow());

    /// <summary>The signing key, loaded (or created) on first use; every node must load the same one.</summary>
    private EvidenceSigningKey SigningKey()
    {
        lock (_signingKeyGate)
        {
            if (_signingKey is { } loaded) return loaded;
            try
            {
                return _signingKey = EvidenceSigningKey.LoadOrCreate(_signingKeyPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new StoreUnavailableException($"The evidence signing key {_signingKeyPath} could not be loaded or created: {e.Message}", e);
            }
        }
    }
}
