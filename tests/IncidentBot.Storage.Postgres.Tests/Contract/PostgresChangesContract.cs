using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.ReadModels;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Contract;

/// <summary>The store contract's <see cref="ChangesContract"/> on PostgreSQL: nodes are stores on one database.</summary>
public sealed class PostgresChangesContract : ChangesContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => PostgresStoreUnderTest.CreateAsync(time);
}
