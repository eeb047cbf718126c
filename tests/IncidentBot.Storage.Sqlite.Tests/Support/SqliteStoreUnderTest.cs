using System.Data.Common;
using IncidentBot.Storage.Contract;

namespace IncidentBot.Storage.Sqlite.Tests.Support;

/// <summary>The store contract's view of SQLite: stores on one <see cref="TestDatabase"/> file, each a "process".</summary>
internal sealed class SqliteStoreUnderTest : IStoreUnderTest
{
    private readonly TestDatabase _database;
    private readonly TimeProvider _time;

    private SqliteStoreUnderTest(TestDatabase database, TimeProvider time, IStoreNode store)
    {
        _database = database;
        _time = time;
        Store = store;
    }

    public IStoreNode Store { get; }

    public string SigningKeyPath => ((StoreNode<SqliteStore>)Store).Store.SigningKeyPath;

    public static async Task<IStoreUnderTest> CreateAsync(TimeProvider time)
    {
        var database = TestDatabase.Create();
        try
        {
            return new SqliteStoreUnderTest(database, time, Node(await database.OpenStoreAsync(time)));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async Task<IStoreNode> OpenAnotherNodeAsync() => Node(await _database.OpenStoreAsync(_time));

    public Task<DbConnection> OpenOwnerConnectionAsync() => Task.FromResult<DbConnection>(_database.OpenRawConnection());

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static StoreNode<SqliteStore> Node(SqliteStore store) => new(store, store.ProbeWriteAsync, store.ReadOutboxAsync);
}
