using System.Data.Common;

namespace IncidentBot.Storage.Contract;

/// <summary>
/// A store on a fresh, empty database made for one test, with the means to open a second instance on the same
/// database. Disposing it disposes every node and deletes the database.
/// </summary>
public interface IStoreUnderTest : IAsyncDisposable
{
    /// <summary>The first node, initialized.</summary>
    IStoreNode Store { get; }

    /// <summary>
    /// Another store instance on the same database, initialized, sharing nothing in memory with the others (its own
    /// connections, its own write gate) and the same signing key file, as a second process or machine would.
    /// </summary>
    Task<IStoreNode> OpenAnotherNodeAsync();

    /// <summary>The path of the checkpoint signing key every node signs with.</summary>
    string SigningKeyPath { get; }

    /// <summary>
    /// An open connection that bypasses the store, as the database's owner. Both engines share table and column names
    /// (<c>IncidentBot.Storage.Shared.StoredRows</c>), so a contract test may count rows or read checkpoints through it.
    /// </summary>
    Task<DbConnection> OpenOwnerConnectionAsync();
}
