using IncidentBot.Core.Changes;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

/// <summary>
/// Decides the readiness report from gathered facts (<see cref="ReadinessInputs"/>): no I/O, no clock, nothing
/// recorded. One file per point (<c>ReadinessAssessor.Baseline.cs</c> …).
/// </summary>
public static partial class ReadinessAssessor
{
    /// <summary>Every service a runbook names (<c>applies_to.services</c>) or the change log has a record for, ordered
    /// by name (ignoring case; the first spelling seen wins).</summary>
    public static IReadOnlyList<string> Services(ReadinessInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Services(inputs.Runbooks, inputs.Changes);
    }

    /// <summary>As <see cref="Services(ReadinessInputs)"/>, from the runbooks and change records alone (to check a
    /// service name before gathering anything else).</summary>
    public static IReadOnlyList<string> Services(IEnumerable<Runbook> runbooks, IEnumerable<ChangeRecord> changes)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        ArgumentNullException.ThrowIfNull(changes);
        return runbooks.SelectMany(r => r.AppliesTo.Services).Concat(changes.Select(c => c.Service))
            .Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The report for every service, or for <paramref name="service"/> only (null: all).</summary>
    /// <exception cref="ArgumentException"><paramref name="service"/> is not one of <see cref="Services"/>.</exception>
    public static ReadinessReport Assess(ReadinessInputs inputs, string? service = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var all = Services(inputs);
        var chosen = service is null ? all : all.Where(s => string.Equals(s, service, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0 && service is not null)
            throw new ArgumentException($"No runbook or change record names the service '{service}'. Services: {string.Join(", ", all)}.", nameof(service));
        return new ReadinessReport(inputs.Now, chosen.Select(s => AssessService(inputs, s)).ToList());
    }

    private static ServiceReadiness AssessService(ReadinessInputs inputs, string service)
    {
        var runbooks = RunbooksFor(inputs, service);
        return new ServiceReadiness(service,
        [
            Baseline(inputs, service, runbooks),
            Authority(inputs, runbooks),
            Fallback(runbooks),
            Controls(runbooks),
            Connection(inputs, service),
            Evidence(inputs, service),
            Realism(inputs, service, runbooks),
        ]);
    }

    /// <summary>The runbooks that name the service; when none does, the default runbook (what a declaration would use).</summary>
    private static IReadOnlyList<Runbook> RunbooksFor(ReadinessInputs inputs, string service)
    {
        var listing = inputs.Runbooks.Where(r => ListsService(r, service)).ToList();
        if (listing.Count > 0) return listing;
        var fallback = DefaultRunbook(inputs);
        return fallback is null ? [] : [fallback];
    }

    private static Runbook? DefaultRunbook(ReadinessInputs inputs) =>
        inputs.Engine.DefaultRunbook is { Length: > 0 } id
            ? inputs.Runbooks.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
            : null;

    private static bool ListsService(Runbook runbook, string service) =>
        runbook.AppliesTo.Services.Contains(service, StringComparer.OrdinalIgnoreCase);

    private static string Of(IReadOnlyList<Runbook> runbooks) =>
        runbooks.Count == 0 ? "no runbook" : string.Join(", ", runbooks.Select(r => r.Id));

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Collects facts and actions while a point is decided; the verdict only ever gets worse.</summary>
    private sealed class PointBuilder(int number, string name)
    {
        private readonly List<string> facts = [];
        private readonly List<string> actions = [];
        private ReadinessVerdict verdict = ReadinessVerdict.Pass;

        public void Fact(string line) => facts.Add(line);

        public void Warn(string fact, string action) => Add(ReadinessVerdict.Warn, fact, action);

        public void Fail(string fact, string action) => Add(ReadinessVerdict.Fail, fact, action);

        private void Add(ReadinessVerdict v, string fact, string action)
        {
            facts.Add((v == ReadinessVerdict.Fail ? "FAIL: " : "WARN: ") + fact);
            if (!actions.Contains(action, StringComparer.Ordinal)) actions.Add(action);
            if (v > verdict) verdict = v;
        }

        public ReadinessPoint Build() => new(number, name, verdict, facts, actions);
    }
}
