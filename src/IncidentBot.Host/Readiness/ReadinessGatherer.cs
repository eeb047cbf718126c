using IncidentBot.Core.Drills;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Readiness;

namespace IncidentBot.Host.Readiness;

/// <summary>
/// Gathers the facts of the readiness report through the store ports (so it works on SQLite and PostgreSQL alike),
/// probes the endpoints runbooks call, and hands everything to the pure <see cref="ReadinessAssessor"/>. Reads only:
/// it records nothing, runs no step and sends no alert.
/// </summary>
public sealed class ReadinessGatherer
{
    private readonly IEvidenceStore store;
    private readonly IIncidentReadModel incidents;
    private readonly IChangeReadModel changes;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly IDrillHistory? drills;

    /// <summary>A gatherer over the store ports. <paramref name="drills"/> may be null where no drill history is kept
    /// (every service then reads as never drilled).</summary>
    public ReadinessGatherer(IEvidenceStore store, IIncidentReadModel incidents, IChangeReadModel changes, HttpClient http,
        TimeProvider time, IDrillHistory? drills)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        (this.store, this.incidents, this.changes, this.http, this.time, this.drills) = (store, incidents, changes, http, time, drills);
    }

    /// <summary>The report for every service, or for <paramref name="service"/> only; null when no runbook or change
    /// record names <paramref name="service"/>.</summary>
    public async Task<ReadinessReport?> ReportAsync(ReadinessSetup setup, string? service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var allChanges = await changes.ListChangesAsync(null, null, cancellationToken).ConfigureAwait(false);
        var services = ReadinessAssessor.Services(setup.Catalog.All, allChanges);
        if (service is not null && !services.Contains(service, StringComparer.OrdinalIgnoreCase)) return null;
        var wanted = service is null ? services : [service];

        var uses = setup.Catalog.All.SelectMany(r => ReadinessOrigins.For(r, setup.Execution));
        var probes = await new EndpointProber(http, setup.Options.ProbeTimeout).ProbeAsync(ReadinessOrigins.Origins(uses), cancellationToken).ConfigureAwait(false);
        var evidence = await EvidenceAsync(setup.Evidence, wanted, cancellationToken).ConfigureAwait(false);
        var lastDrills = new Dictionary<string, DrillReport?>(StringComparer.OrdinalIgnoreCase);
        if (drills is not null)
            foreach (var s in wanted) lastDrills[s] = await drills.LastAsync(s, cancellationToken).ConfigureAwait(false);

        var inputs = new ReadinessInputs(setup.Catalog.All, setup.Governance, setup.Surfaces, allChanges, setup.Engine, setup.Execution,
            evidence, probes, lastDrills, time.GetUtcNow(), setup.Options.DrillMaxAge);
        return ReadinessAssessor.Assess(inputs, service);
    }

    private async Task<EvidenceFacts> EvidenceAsync(EvidenceLocation location, IReadOnlyList<string> services, CancellationToken ct)
    {
        var (outcome, message) = await location.AuditAsync(ct).ConfigureAwait(false);
        var rows = await incidents.ListIncidentsAsync(includeClosed: true, ct).ConfigureAwait(false);
        long count = 0;
        DateTimeOffset? oldest = null;
        foreach (var stream in rows.Select(r => r.Id).Append(Streams.Changes))
        {
            var events = await store.ReadStreamAsync(stream, ct).ConfigureAwait(false);
            count += events.Count;
            if (events.Count > 0 && (oldest is null || events[0].OccurredUtc < oldest)) oldest = events[0].OccurredUtc;
        }
        var exports = new Dictionary<string, ExportCheck>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in services)
        {
            var latest = rows.Where(r => string.Equals(r.Service, service, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(r => r.DeclaredUtc).FirstOrDefault();
            exports[service] = latest is null ? new ExportCheck(null, [], null) : await ExportAsync(latest.Id, ct).ConfigureAwait(false);
        }
        return new EvidenceFacts(location.Describe, outcome, message, location.SigningKeyPath, location.SigningKeyExists,
            location.SigningKeyBesideDatabase, count, oldest, exports);
    }

    private async Task<ExportCheck> ExportAsync(string incidentId, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(incidentId, ct).ConfigureAwait(false);
        var seal = await store.GetSealAsync(incidentId, ct).ConfigureAwait(false);
        var rendered = new List<string>();
        foreach (var format in TimelineExporter.Formats)
        {
            try
            {
                if (string.IsNullOrEmpty(TimelineExporter.Export(events, format, seal)))
                    return new ExportCheck(incidentId, rendered, $"the {format} export is empty");
                rendered.Add(format);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                return new ExportCheck(incidentId, rendered, $"the {format} export failed: {e.Message}");
            }
        }
        return new ExportCheck(incidentId, rendered, null);
    }
}
