using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Outbox;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Contract;

/// <summary>The store contract's <see cref="OrderedOutboxNodesContract"/> on PostgreSQL: nodes are stores on one database.</summary>
public sealed class PostgresOrderedOutboxNodesContract : OrderedOutboxNodesContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => PostgresStoreUnderTest.CreateAsync(time);
}
