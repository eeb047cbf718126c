using IncidentBot.Storage.Contract.Support;
using IncidentBot.TestSupport.Time;

namespace IncidentBot.Storage.Contract;

/// <summary>
/// Base of every contract class: the engine's test project derives a concrete class from each contract and says how
/// to make a store; the tests themselves speak only through the ports.
/// </summary>
public abstract class StoreContract
{
    /// <summary>No cancellation.</summary>
    protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The clock the stores of this test run on; it starts at <see cref="Drafts.T0"/> (xunit makes one instance per test).</summary>
    protected ManualTimeProvider Time { get; } = new(Drafts.T0);

    /// <summary>A store on a fresh database whose clock is <paramref name="time"/>, initialized.</summary>
    protected abstract Task<IStoreUnderTest> CreateStoreAsync(TimeProvider time);

    /// <summary>A store on a fresh database on this test's <see cref="Time"/>.</summary>
    protected Task<IStoreUnderTest> CreateStoreAsync() => CreateStoreAsync(Time);
}
