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

    private StoreNodes(PostgresTestDatabase database, string keyFolder, IReadOnlyList<PostgresStore> nodes)
    {
        _database = database;
        _keyFolder = keyFolder;
        Nodes = nodes;
    }

    public IReadOnlyList<PostgresStore> Nodes { get; }

    public PostgresStore Store => Nodes[0];

    /// <summary>The owner's connection string (as the auditor is given one).</summary>
    public string ConnectionString => _database.ConnectionString;

    public static async Task<StoreNodes> StartAsync(int count = 1)
    {
        var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        var keyFolder = Directory.CreateTempSubdirectory("incidentbot-pg-key-").FullName;
        // Application Name makes each node's pool its own, as on separate machines.
        var nodes = Enumerable.Range(1, count).Select(i => new PostgresStore(new PostgresStoreOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = $"node{i}" }.ConnectionString,
            SigningKeyPath = Path.Combine(keyFolder, "evidence-signing.key"),
        }, TimeProvider.System)).ToList();
        var started = new StoreNodes(database, keyFolder, nodes);
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

    /// <summary>An open connection as the database's owner, to look at the rows behind the store.</summary>
    public Task<NpgsqlConnection> OpenOwnerConnectionAsync() => _database.OpenAdminConnectionAsync();

    /// <summary>The public half of the key the nodes sign with.</summary>
    public EvidencePublicKey PublicKey()
    {
        using var key = EvidenceSigningKey.Load(Store.SigningKeyPath);
        return EvidencePublicKey.Parse(key.PublicKey.Text);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_keyFolder, recursive: true);
    }
}
