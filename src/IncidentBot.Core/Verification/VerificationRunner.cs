using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Verification;

/// <summary>
/// Polls the current containment's automatic checks once and reports what it saw: every poll is evidence
/// (<see cref="CheckPolled"/>); all checks with their passes in a row → VerificationPassed; a check still failing past
/// its window → VerificationFailed; a check that cannot decide → VerificationInconclusive, and polling stops so a
/// person decides instead of the bot guessing. The next poll is a durable outbox row committed with the report.
/// </summary>
public sealed class VerificationRunner(IncidentEngine engine, IEnumerable<ICheck> checks, ExecutionSettings settings, TimeProvider time) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Verify;

    /// <inheritdoc />
    public Task RunAsync(OutboxItem item, CancellationToken cancellationToken) => RunAsync(OutboxDrafts.Read<ExecuteJob>(item), cancellationToken);

    private readonly Dictionary<string, ICheck> byKind = checks.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    /// <summary>Runs one poll of every check that has not yet reached its passes.</summary>
    public async Task RunAsync(ExecuteJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await engine.LoadAsync(job.IncidentId, cancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (incident, runbook) = loaded;
        if (incident.State != IncidentState.Verifying || incident.Current is not { } c || c.Attempt != job.Attempt) return;
        if (runbook.FindOption(c.OptionId) is not { } option) return;
        var automatic = option.Checks.Where(k => IncidentEngine.AutomaticCheckKinds.Contains(k.Kind)).ToList();
        var values = TemplateValues.For(incident, c, settings.SettingsFor(incident), settings.Secrets);
        var redactor = SecretRedactor.For(values);
        var since = c.VerifyingSince ?? time.GetUtcNow();
        var facts = new List<IncidentEvent>();
        IncidentEvent? verdict = null;
        foreach (var check in automatic.Where(k => c.CheckStreaks.GetValueOrDefault(k.Id) < k.ConsecutivePasses))
        {
            var outcome = byKind.TryGetValue(check.Kind, out var runner)
                ? await runner.RunAsync(new CheckContext(incident, check, values), cancellationToken).ConfigureAwait(false)
                : new CheckOutcome(CheckStatus.Inconclusive, $"no runner for check kind '{check.Kind}' is configured");
            var detail = redactor.Redact(outcome.Detail);
            var streak = outcome.Status == CheckStatus.Pass ? c.CheckStreaks.GetValueOrDefault(check.Id) + 1 : 0;
            facts.Add(new CheckPolled(c.Attempt, check.Id, outcome.Status.ToString().ToLowerInvariant(), detail, streak));
            if (outcome.Status == CheckStatus.Inconclusive)
                verdict ??= new VerificationInconclusive(check.Id, $"{check.Title}: {detail}. A person must decide: confirm recovery, or choose another containment.");
            else if (outcome.Status == CheckStatus.Fail && time.GetUtcNow() - since > TimeSpan.FromSeconds(check.WindowSeconds))
                verdict ??= new VerificationFailed(check.Id, $"{check.Title} still failing after {check.WindowSeconds} s: {detail}");
        }
        if (verdict is null && AllPassed(automatic, c, facts) && option.Checks.Count == automatic.Count && automatic.Count > 0)
            verdict = new VerificationPassed(string.Join("; ", automatic.Select(k => $"{k.Title}: {k.ConsecutivePasses} pass(es) in a row")));
        if (verdict is not null) facts.Add(verdict);
        if (facts.Count == 0) return;

        var trigger = verdict switch
        {
            VerificationPassed => Trigger.VerificationPassed,
            VerificationFailed => Trigger.VerificationFailed,
            VerificationInconclusive => Trigger.VerificationInconclusive,
            _ => Trigger.Progress,
        };
        // One report per scheduled poll: a poll re-run after a crash must not count a pass twice or fork the poll chain.
        var poll = job.ScheduledAtSeq > 0 ? job.ScheduledAtSeq : incident.LastSeq;
        await engine.ReportJobResultAsync(incident.Id, new SystemResultCommand(trigger, facts), $"verify:{incident.Id}:{poll}", cancellationToken).ConfigureAwait(false);
    }

    private static bool AllPassed(List<VerificationCheck> automatic, Containment c, List<IncidentEvent> facts)
    {
        var latest = facts.OfType<CheckPolled>().ToDictionary(p => p.CheckId, p => p.Streak, StringComparer.Ordinal);
        return automatic.All(k => (latest.TryGetValue(k.Id, out var s) ? s : c.CheckStreaks.GetValueOrDefault(k.Id)) >= k.ConsecutivePasses);
    }
}
