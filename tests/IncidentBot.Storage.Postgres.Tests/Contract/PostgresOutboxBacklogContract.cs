using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Outbox;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Contract;

/// <summary>The store contract's <see cref="OutboxBacklogContract"/> on PostgreSQL.</summary>
public sealed class PostgresOutboxBacklogContract : OutboxBacklogContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => PostgresStoreUnderTest.CreateAsync(time);
}
