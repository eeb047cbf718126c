using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Outbox;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests.Contract;

/// <summary>The store contract's <see cref="OrderedOutboxNodesContract"/> on SQLite: nodes are stores on one file.</summary>
public sealed class SqliteOrderedOutboxNodesContract : OrderedOutboxNodesContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => SqliteStoreUnderTest.CreateAsync(time);
}
