using IncidentBot.Core.Drills;

namespace IncidentBot.Host.Tests.Support;

/// <summary>An <see cref="IDrillHistory"/> holding the drills a test gives it; the latest by start time wins.</summary>
internal sealed class InMemoryDrillHistory(params DrillReport[] drills) : IDrillHistory
{
    public Task<DrillReport?> LastAsync(string service, CancellationToken cancellationToken) =>
        Task.FromResult(drills.Where(d => string.Equals(d.Service, service, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.DeclaredUtc).FirstOrDefault());
}
