using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Conversations;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests.Contract;

/// <summary>The store contract's <see cref="ConversationsContract"/> on SQLite: nodes are stores on one file.</summary>
public sealed class SqliteConversationsContract : ConversationsContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => SqliteStoreUnderTest.CreateAsync(time);
}
