namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Commits a write that changes nothing (rewrites <c>PRAGMA user_version</c> with its own value) through the same
    /// write path as every append: the group commit's writer, <c>BEGIN IMMEDIATE</c>, a WAL frame and an fsync. It succeeds exactly
    /// when the store can record evidence right now; a full disk or a read-only file throws
    /// <see cref="Core.Evidence.StoreUnavailableException"/>. Used by <c>/healthz</c>.
    /// </summary>
    public Task ProbeWriteAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var version = await Schema.SchemaMigrator.ReadVersionAsync(connection, transaction, cancellationToken);
            var rewrite = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA user_version = {version};");
            await connection.Sql(transaction, rewrite).RunAsync(cancellationToken);
            return true;
        }, static _ => true, null, durable: true, cancellationToken);
}
