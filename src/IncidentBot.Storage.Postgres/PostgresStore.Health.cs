namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Commits a write that changes nothing (rewrites the incident counter with its own value) as the bot's role,
    /// through the pool every append uses. It succeeds exactly when this node can record evidence right now; a lost
    /// connection, a read-only standby or a revoked grant throws <see cref="Core.Evidence.StoreUnavailableException"/>.
    /// For <c>/healthz</c>.
    /// </summary>
    public Task ProbeWriteAsync(CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
            await connection.Sql(transaction, "UPDATE incident_counter SET last = last WHERE id = 1;").RunAsync(cancellationToken),
            cancellationToken);
}
