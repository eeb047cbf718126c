using IncidentBot.Core.Evidence;
using Npgsql;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Loads this node's signing key and makes sure it is the database's: the first node registers its key's public
    /// half (<c>signing_key</c>); every later node must hold the same key, or it refuses to start. A missing key file is
    /// created only for a database no key has signed yet; otherwise the node is told to copy the key from another node.
    /// </summary>
    private async Task AdoptSigningKeyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var registered = await RegisteredKeyIdAsync(connection, cancellationToken);
        // A database signed before keys were registered: its last checkpoint names the key that signs its chain.
        var signedBy = registered ?? await connection.Sql(null, "SELECT key_id FROM checkpoints ORDER BY number DESC LIMIT 1;")
            .ListAsync(r => r.GetString(0), cancellationToken) switch { [var last] => last, _ => null };
        if (signedBy is not null && !File.Exists(_signingKeyPath))
            throw new StoreUnavailableException(
                $"There is no evidence signing key at {_signingKeyPath}, and this database's checkpoints are signed by key {signedBy}. " +
                "Every node sharing the database needs the same key file: copy it from a node that already runs on it to this path (mode 600).");
        var key = SigningKey();
        var ours = key.PublicKey.KeyId;
        if (signedBy is not null && signedBy != ours) throw ForeignKey(ours, signedBy);
        if (registered is null)
        {
            // Two nodes starting together on a new database each try; one row wins and the other compares with it.
            await connection.Sql(null, """
                INSERT INTO signing_key (id, key_id, public_key, registered_utc) VALUES (1, @id, @key, @at)
                ON CONFLICT (id) DO NOTHING;
                """).With("id", ours).With("key", key.PublicKey.Text).With("at", Now()).RunAsync(cancellationToken);
            var winner = await RegisteredKeyIdAsync(connection, cancellationToken);
            if (winner != ours) throw ForeignKey(ours, winner ?? "(none)");
        }
    }

    private static async Task<string?> RegisteredKeyIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.Sql(null, "SELECT key_id FROM signing_key WHERE id = 1;")
            .ListAsync(r => r.GetString(0), cancellationToken) switch { [var id] => id, _ => null };

    private StoreUnavailableException ForeignKey(string ours, string theirs) => new(
        $"The evidence signing key {_signingKeyPath} (key {ours}) is not the key this database's checkpoints are signed with (key {theirs}). " +
        "Every node sharing the database needs the same key file: copy it from a node that already runs on it.");
}
