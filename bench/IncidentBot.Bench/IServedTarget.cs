namespace IncidentBot.Bench;

/// <summary>One server under test, running in a child process started by <see cref="ServerProcess"/>.</summary>
internal interface IServedTarget : IAsyncDisposable
{
    /// <summary>Where it listens (loopback).</summary>
    Uri Url { get; }
}
