namespace IncidentBot.Core.Evidence;

/// <summary>A store that can show it records evidence right now, for <c>/healthz</c>.</summary>
public interface IStoreWriteProbe
{
    /// <summary>
    /// Commits a write that changes nothing, through the path appends take; returns when it is durable.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot record evidence now.</exception>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
