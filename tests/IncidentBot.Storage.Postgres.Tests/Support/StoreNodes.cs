using IncidentBot.Core.Evidence;
using IncidentBot.TestSupport.Postgres;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Support;

/// <summary>
/// A fresh database with several <see cref="PostgresStore"/> instances on it ("nodes": each its own connection pool),
/// sharing one signing key file as real nodes must. Disposing drops the database and deletes the key.
/// </summary>
internal sealed class StoreNodes : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database;
    private readonly string _keyFolder;
    private readonly TimeProvider _time;
    private readonly List<PostgresStore> _nodes;

    private StoreNodes(PostgresTestDatabase database, string keyFolder, TimeProvider time, List<PostgresStore> nodes)
    {
        _database = database;
        _keyFolder = keyFolder;
        _time = time;
        _nodes = nodes;
    }

    public IReadOnlyList<PostgresStore> Nodes => _nodes;

    public PostgresStore Store => Nodes[0];

    /// <summary>The owner's connection string (as the auditor is given one).</summary>
    public string ConnectionString => _database.ConnectionString;

    public static async Task<StoreNodes> StartAsync(int count = 1, TimeProvider? time = null)
    {
        var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        var keyFolder = Directory.CreateTempSubdirectory("incidentbot-pg-key-").FullName;
        var clock = time ?? TimeProvider.System;
        var nodes = Enumerable.Range(1, count).Select(i => NewNode(database, keyFolder, clock, i)).ToList();
        var started = new StoreNodes(database, keyFolder, clock, nodes);
        try
        {
            // The first node creates the key file; real nodes are handed that one file, never each their own.
            await nodes[0].InitializeAsync(CancellationToken.None);
            await Task.WhenAll(nodes.Skip(1).Select(n => n.InitializeAsync(CancellationToken.None)));
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>One more node on the same database and key file, initialized.</summary>
    public async Task<PostgresStore> AddNodeAsync()
    {
        var node = NewNode(_database, _keyFolder, _time, _nodes.Count + 1);
        _nodes.Add(node);
        await node.InitializeAsync(CancellationToken.None);
        return node;
    }

    /// <summary>An open connection as the database's owner, to look at the rows behind the store.</summary>
    public Task<NpgsqlConnection> OpenOwnerConnectionAsync() => _database.OpenAdminConnectionAsync();

    /// <summary>The public half of the key the nodes sign with.</summary>
    public EvidencePublicKey PublicKey()
    {
        using var key = EvidenceSigningKey.Load(Store.SigningKeyPath);
        return EvidencePublicKey.Parse(key.PublicKey.Text);
    }

    // Application Name makes each node's pool its own, as on separate machines.
    private static PostgresStore NewNode(PostgresTestDatabase database, string keyFolder, TimeProvider time, int number) =>
        new(new PostgresStoreOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = $"node{number}" }.ConnectionString,
            SigningKeyPath = Path.Combine(keyFolder, "evidence-signing.key"),
        }, time);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_keyFolder, recursive: true);
    }
}
