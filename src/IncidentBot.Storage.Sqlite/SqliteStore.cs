using System.Globalization;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

/// <summary>
/// The embedded store on one SQLite file: hash-chained evidence streams, the incident and change projections,
/// conversation bindings, pinned runbook texts and the outbox, all written in the same transactions.
/// </summary>
/// <remarks>
/// Every connection runs in WAL mode with <c>synchronous=FULL</c>, so a commit is on disk (WAL fsynced) before an
/// append returns: an acknowledged command survives a process kill and a power cut. The outbox's own bookkeeping
/// (claims, leases, done marks) is the one exception: a transaction holding nothing else is committed without an
/// fsync and reaches the disk with the next evidence commit, so a killed process loses none of it and a power cut
/// may undo the last of it (a message is then delivered again, as after any crash mid-delivery). Writes go through one writer in
/// this process, which commits every write queued meanwhile in one <c>BEGIN IMMEDIATE</c> transaction (group commit:
/// one fsync for many commands, each answered only after that commit; see <c>SqliteStore.GroupCommit.cs</c>);
/// <c>BEGIN IMMEDIATE</c> also serializes it against other processes. Reads open their own connections and run
/// concurrently with writes on a snapshot.
/// Call <see cref="InitializeAsync"/> once before anything else.
/// </remarks>
public sealed partial class SqliteStore : IEvidenceStore, IIncidentReadModel, IChangeReadModel, IOutbox, IStoreWriteProbe, IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly string _signingKeyPath;
    private EvidenceSigningKey? _signingKey;

    /// <summary>Creates a store over <see cref="SqliteStoreOptions.DatabasePath"/>; nothing is opened until used.</summary>
    public SqliteStore(SqliteStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        _time = timeProvider;
        _databasePath = Path.GetFullPath(options.DatabasePath);
        _signingKeyPath = SigningKeyPathFor(options, _databasePath);
        _busyTimeoutMs = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _databasePath;

    /// <summary>The full path of the checkpoint signing key (<see cref="SqliteStoreOptions.SigningKeyPath"/>).</summary>
    public string SigningKeyPath => _signingKeyPath;

    /// <summary>The signing key path the options name, or its default next to the database; never the database itself.</summary>
    public static string SigningKeyPathFor(SqliteStoreOptions options, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = Path.GetFullPath(databasePath);
        var key = Path.GetFullPath(string.IsNullOrWhiteSpace(options.SigningKeyPath)
            ? Path.Combine(Path.GetDirectoryName(database) ?? ".", SqliteStoreOptions.DefaultSigningKeyFile)
            : options.SigningKeyPath);
        if (string.Equals(key, database, StringComparison.Ordinal) || key.StartsWith(database + "-", StringComparison.Ordinal))
            throw new ArgumentException($"The evidence signing key must be a file of its own, not {key}.", nameof(options));
        return key;
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(_databasePath) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            // WAL is a property of the file: set once here, every later connection inherits it.
            var mode = await connection.Sql(null, "PRAGMA journal_mode = WAL;").ScalarAsync<string>(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite refused WAL mode for {_databasePath} (journal_mode is {mode}).");
            await SchemaMigrator.MigrateAsync(connection, cancellationToken);
            SigningKey();
            await CheckpointExistingStoreAsync(connection, cancellationToken);
            await AttestUncheckedRowsAsync(connection, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Lets the writer commit what is queued, then closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        StopWriter();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        _writeGate.Dispose();
        _signingKey?.Dispose();
    }

    /// <summary>Opens a connection with the store's per-connection settings (durability, lock wait, foreign keys).</summary>
    internal Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        OpenAsync(new SqliteConnection(_connectionString), cancellationToken);

    /// <summary>Opens <paramref name="connection"/> (new, on this store's file) with the per-connection settings.</summary>
    private async Task<T> OpenAsync<T>(T connection, CancellationToken cancellationToken) where T : SqliteConnection
    {
        var opened = false;
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                throw Unavailable(e);
            }
            var pragmas = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            await connection.Sql(null, pragmas).RunAsync(cancellationToken);
            opened = true;
            return connection;
        }
        finally
        {
            if (!opened) await connection.DisposeAsync();
        }
    }

    /// <summary>The store's own exception for a SQLite failure: callers never see a provider's exception type.</summary>
    internal static StoreUnavailableException Unavailable(SqliteException e) =>
        new($"The evidence store could not complete the operation (SQLite error {e.SqliteErrorCode}: {e.Message})", e);

    private string Now() => EvidenceHasher.FormatTime(_time.GetUtcNow());
}
