using IncidentBot.Storage.Contract;
using IncidentBot.Storage.Contract.Conversations;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Contract;

/// <summary>The store contract's <see cref="ConversationsContract"/> on PostgreSQL: nodes are stores on one database.</summary>
public sealed class PostgresConversationsContract : ConversationsContract
{
    /// <inheritdoc />
    protected override Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time) => PostgresStoreUnderTest.CreateAsync(time);
}
