using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Outbox;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests.Contract;

/// <summary>The store contract's <see cref="OutboxBacklogContract"/> on SQLite.</summary>
public sealed class SqliteOutboxBacklogContract : OutboxBacklogContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => SqliteStoreUnderTest.CreateAsync(time);
}
