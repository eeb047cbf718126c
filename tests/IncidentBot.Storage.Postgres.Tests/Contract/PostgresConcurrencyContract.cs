using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Evidence;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Contract;

/// <summary>The store contract's <see cref="ConcurrencyContract"/> on PostgreSQL: nodes are stores on one database.</summary>
public sealed class PostgresConcurrencyContract : ConcurrencyContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => PostgresStoreUnderTest.CreateAsync(time);
}
