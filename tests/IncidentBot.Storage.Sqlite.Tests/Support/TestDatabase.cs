using IncidentBot.Storage.Contract.Support;
using IncidentBot.TestSupport.Time;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Tests.Support;

/// <summary>
/// A real SQLite file in a fresh temporary folder, deleted (with the stores opened on it) when disposed.
/// The file sits in a sub-folder that does not exist yet, so every test also checks the store creates it.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly List<SqliteStore> _stores = [];

    private TestDatabase(string folder)
    {
        Folder = folder;
        DatabasePath = Path.Combine(folder, "data", "incidentbot.db");
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public ManualTimeProvider Time { get; } = new(Drafts.T0);

    public static TestDatabase Create() =>
        new(Path.Combine(Path.GetTempPath(), "incidentbot-storage-tests", Guid.NewGuid().ToString("N")));

    /// <summary>A store on this file, initialized, on <see cref="Time"/>.</summary>
    public Task<SqliteStore> OpenStoreAsync() => OpenStoreAsync(Time);

    /// <summary>A store on this file, initialized, on the given clock.</summary>
    public async Task<SqliteStore> OpenStoreAsync(TimeProvider time)
    {
        var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = DatabasePath }, time);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A plain connection to the file that bypasses the store, as an intruder or an operator would.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs SQL through a raw connection.</summary>
    public async Task ExecuteRawAsync(string sql)
    {
        await using var connection = OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A single number from a raw connection, e.g. a count.</summary>
    public async Task<long> ScalarRawAsync(string sql)
    {
        await using var connection = OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var store in _stores) store.Dispose();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
