using IncidentBot.Core.Changes;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Evidence;

/// <summary>Queries over the incident projection.</summary>
public interface IIncidentReadModel
{
    /// <summary>Incidents, newest first; only open ones unless <paramref name="includeClosed"/>.</summary>
    Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken);

    /// <summary>One incident by id (<c>INC-n</c>, case-insensitive), or null.</summary>
    Task<IncidentSummary?> GetIncidentAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>The runbook text stored for a content hash, or null.</summary>
    Task<string?> GetRunbookTextAsync(string contentHash, CancellationToken cancellationToken);
}

/// <summary>Queries over the change log.</summary>
public interface IChangeReadModel
{
    /// <summary>Changes, newest deployment first; filtered by service (exact, case-insensitive) and by deployment time.</summary>
    Task<IReadOnlyList<ChangeRecord>> ListChangesAsync(string? service, DateTimeOffset? since, CancellationToken cancellationToken);
}
