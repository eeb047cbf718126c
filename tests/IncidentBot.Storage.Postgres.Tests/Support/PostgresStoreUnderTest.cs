using System.Data.Common;
using IncidentBot.Storage.Contract;

namespace IncidentBot.Storage.Postgres.Tests.Support;

/// <summary>The store contract's view of PostgreSQL: <see cref="StoreNodes"/> on one fresh database, each a "machine".</summary>
internal sealed class PostgresStoreUnderTest : IStoreUnderTest
{
    private readonly StoreNodes _nodes;

    private PostgresStoreUnderTest(StoreNodes nodes)
    {
        _nodes = nodes;
        Store = Node(nodes.Store);
    }

    public IStoreNode Store { get; }

    public string SigningKeyPath => _nodes.Store.SigningKeyPath;

    public static async Task<IStoreUnderTest> CreateAsync(TimeProvider time) =>
        new PostgresStoreUnderTest(await StoreNodes.StartAsync(time: time));

    public async Task<IStoreNode> OpenAnotherNodeAsync() => Node(await _nodes.AddNodeAsync());

    public async Task<DbConnection> OpenOwnerConnectionAsync() => await _nodes.OpenOwnerConnectionAsync();

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    private static StoreNode<PostgresStore> Node(PostgresStore store) => new(store, store.ProbeWriteAsync, store.ReadOutboxAsync);
}
