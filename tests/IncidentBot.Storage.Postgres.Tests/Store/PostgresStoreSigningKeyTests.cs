using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Postgres.Tests.Support;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Store;

/// <summary>Every node on one database signs with the one key the database registered at its first start.</summary>
public sealed class PostgresStoreSigningKeyTests
{
    [Fact]
    public async Task InitializeAsync_FirstNode_RegistersItsKeyAndLaterNodesWithTheSameFileStart()
    {
        await using var nodes = await StoreNodes.StartAsync(count: 2);

        await using var owner = await nodes.OpenOwnerConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT key_id, public_key FROM signing_key", owner);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        using var key = nodes.PublicKey();
        Assert.Equal(key.KeyId, reader.GetString(0));
        Assert.Equal(key.Text, reader.GetString(1));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task InitializeAsync_NodeWithAnotherKey_RefusesToStart()
    {
        await using var nodes = await StoreNodes.StartAsync();
        (await nodes.Store.AppendAsync(Drafts.Declare(), CancellationToken.None)).Appended();
        var otherFolder = Directory.CreateTempSubdirectory("incidentbot-pg-key-").FullName;
        try
        {
            var otherKey = Path.Combine(otherFolder, "other.key");
            EvidenceSigningKey.LoadOrCreate(otherKey).Dispose();
            await using var stranger = NodeWithKey(nodes, otherKey);

            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => stranger.InitializeAsync(CancellationToken.None));

            Assert.Contains("is not the key this database's checkpoints are signed with", refused.Message, StringComparison.Ordinal);
            Assert.Contains("same key file", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(otherFolder, recursive: true);
        }
    }

    [Fact]
    public async Task InitializeAsync_NoKeyFileOnASignedDatabase_RefusesToCreateOne()
    {
        await using var nodes = await StoreNodes.StartAsync();
        (await nodes.Store.AppendAsync(Drafts.Declare(), CancellationToken.None)).Appended();
        var otherFolder = Directory.CreateTempSubdirectory("incidentbot-pg-key-").FullName;
        try
        {
            var missing = Path.Combine(otherFolder, "copied-later.key");
            await using var newcomer = NodeWithKey(nodes, missing);

            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => newcomer.InitializeAsync(CancellationToken.None));

            Assert.Contains("copy it from a node", refused.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(missing));
        }
        finally
        {
            Directory.Delete(otherFolder, recursive: true);
        }
    }

    [Fact]
    public async Task SigningKeyRow_CannotBeReplaced()
    {
        await using var nodes = await StoreNodes.StartAsync();
        await using var owner = await nodes.OpenOwnerConnectionAsync();
        await using var replace = new NpgsqlCommand("UPDATE signing_key SET key_id = 'forged'", owner);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => replace.ExecuteNonQueryAsync());

        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
    }

    private static PostgresStore NodeWithKey(StoreNodes nodes, string keyPath) =>
        new(new PostgresStoreOptions { ConnectionString = nodes.ConnectionString, SigningKeyPath = keyPath }, TimeProvider.System);
}
