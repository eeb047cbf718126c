using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    private const int MaxConflictRetries = 3;

    /// <summary>Reports a result of the bot's own work (execution, verification) as the system actor.</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="result">The result and its facts.</param>
    /// <param name="deliveryId">Identity of this report, so a job that is re-run after a crash reports once.</param>
    /// <param name="cancellationToken">Cancels the wait, not a commit in progress.</param>
    public async Task<CommandResult> ReportAsync(string incidentId, SystemResultCommand result, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = await MeasuredAsync(Surfaces.System, result.Verb, () =>
            DecideAsync(incidentId, result, Actor.System, new CommandEnvelope(Surfaces.System, Actor.System.Id, result.Verb, null, deliveryId), cancellationToken))
            .ConfigureAwait(false);
        if (outcome.Outcome == CommandOutcome.Applied) metrics?.ResultRecorded(result.Result);
        return outcome;
    }

    /// <summary>
    /// <see cref="ReportAsync"/> for a job run from the outbox: a result that could not be recorded (the incident kept
    /// changing under it) throws, so the outbox does not mark the job done and retries it. A refusal is a recorded
    /// outcome, not a failure: the incident moved on (e.g. it was cancelled) and the refusal itself is evidence.
    /// </summary>
    public async Task ReportJobResultAsync(string incidentId, SystemResultCommand result, string deliveryId, CancellationToken cancellationToken)
    {
        var outcome = await ReportAsync(incidentId, result, deliveryId, cancellationToken).ConfigureAwait(false);
        if (outcome.Outcome == CommandOutcome.Answered)
            throw new InvalidOperationException($"Could not record {result.Result} for {incidentId}: {outcome.Replies.FirstOrDefault()?.Card.Text}");
    }

    private async Task<CommandResult> DecideAsync(string incidentId, IncidentCommand command, Actor actor, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Incident? incident;
            Incident after;
            bool accepted;
            string? refusal;
            Lazy<Card> card;
            Task<AppendOutcome> appending;
            using (await locks.AcquireAsync(incidentId, cancellationToken).ConfigureAwait(false))
            using (var deciding = StartDecide(incidentId, command.Verb, envelope, attempt))
            {
                // The incident as it will stand once this process's queued appends commit; the store's sequence check
                // validates it against the stream's head, and a conflict (another writer moved the stream, or an
                // append queued ahead was not committed) waits for those appends, reads what it missed and decides again.
                incident = attempt == 1
                    ? folded.Latest(incidentId) ?? await folded.CurrentAsync(incidentId, cancellationToken).ConfigureAwait(false)
                    : await folded.SettledAsync(incidentId, cancellationToken).ConfigureAwait(false);
                if (incident is null)
                    return Answer(null, IncidentCards.Notice("No such incident", $"There is no incident {incidentId}.", tone: CardTone.Warning));
                var runbook = await runbooks.GetAsync(incident.RunbookHash, cancellationToken).ConfigureAwait(false);
                var context = new DecisionContext(actor, runbook, people, await RollbackTargetAsync(incident, command, runbook, cancellationToken).ConfigureAwait(false),
                    await CoupledTargetsAsync(incident, command, runbook, cancellationToken).ConfigureAwait(false));
                var (decision, switchedTo) = DecideSwitchingRunbook(incident, command, context);
                runbook = switchedTo ?? runbook;
                (accepted, refusal) = (decision.Accepted, decision.Refusal);
                deciding?.SetTag(BotSpans.Outcome, accepted ? "accepted" : "refused");

                var events = decision.Accepted
                    ? decision.Events
                    : [new CommandRefused(command.Verb, command.Trigger?.ToString(), Clip(envelope.Text), decision.Refusal!)];
                var now = time.GetUtcNow();
                var recorded = incident.Copy();
                var drafts = Record(recorded, events, actor, envelope.Surface, now, incident.RunbookVersion);
                after = recorded;
                // What the bot did on its own leads its card (a reminder, a check result), so the thread says why it spoke.
                var lead = actor.Id == Actor.System.Id && events.Count > 0 ? Export.TimelineText.Describe(events[^1]) : null;
                // Rendered only if something shows it: a slash command's reply is a short acknowledgement.
                card = new Lazy<Card>(() => accepted ? StatusCard(recorded, runbook, null, lead) : IncidentCards.Refusal(command.Verb, refusal!, incidentId));

                // Queued behind this process's earlier appends to the incident; the lock is let go before the commit,
                // so the next command decides on this one's result while the store commits both together.
                var request = new AppendRequest(incidentId, incident.LastSeq, drafts, envelope.DeliveryId,
                    after.Summarize(), Outbox: decision.Accepted ? FollowUpWork(incident, after, runbook, decision.Events, actor, envelope, now) : null,
                    Runbook: switchedTo is null ? null : new RunbookSnapshot(switchedTo.ContentHash, switchedTo.Id, switchedTo.SourceText));
                appending = CommitAsync(request, cancellationToken);
                folded.Queue(incidentId, after, appending);
            }

            AppendOutcome outcome;
            using (var committing = StartCommit(incidentId, command.Verb, envelope))
            {
                outcome = await folded.OutcomeAsync(incidentId, after, appending).ConfigureAwait(false);
                Committed(committing, outcome);
            }
            switch (outcome)
            {
                case AppendOutcome.Duplicate dup:
                    return await DuplicateAsync(dup.Stream, cancellationToken).ConfigureAwait(false);
                case AppendOutcome.Conflict when attempt < MaxConflictRetries:
                    continue;
                case AppendOutcome.Conflict:
                    return Answer(incidentId, IncidentCards.Notice("Busy", $"{incidentId} changed while your command was applied. Try again.", incidentId, CardTone.Warning));
            }
            var appended = (AppendOutcome.Appended)outcome;
            // The seal exists only once the close is committed: the reply to the thread carries it for people to keep.
            var sealedCard = after.State == IncidentState.Closed && accepted && appended.Seal is { } seal
                ? new Lazy<Card>(() => card.Value with { Context = $"{card.Value.Context} · Evidence seal: {seal}" })
                : card;
            return accepted
                ? new CommandResult(incidentId, [new Reply(ReplyVisibility.Conversation, () => sealedCard.Value)], CommandOutcome.Applied)
                : new CommandResult(incidentId, [new Reply(ReplyVisibility.Ephemeral, () => sealedCard.Value)], CommandOutcome.Refused);
        }
    }

    private async Task<RollbackTarget?> RollbackTargetAsync(Incident incident, IncidentCommand command, Runbook runbook, CancellationToken cancellationToken) =>
        command is ContainCommand { OptionId: { } id } && runbook.FindOption(id) is { Kind: ContainmentKind.Rollback } option
            ? await changes.ResolveRollbackAsync(incident.Service, option.Layer, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<IReadOnlyDictionary<string, RollbackTarget?>?> CoupledTargetsAsync(Incident incident, IncidentCommand command, Runbook runbook, CancellationToken cancellationToken)
    {
        if (command is not ContainCommand { OptionId: { } id } || runbook.FindOption(id) is not { Kind: ContainmentKind.Rollback, MovesWith.Count: > 0 } option) return null;
        var targets = new Dictionary<string, RollbackTarget?>(StringComparer.Ordinal);
        foreach (var layer in option.MovesWith)
            targets[layer] = await changes.ResolveRollbackAsync(incident.Service, layer, cancellationToken).ConfigureAwait(false);
        return targets;
    }

    private async Task<CommandResult> DuplicateAsync(string stream, CancellationToken cancellationToken)
    {
        var status = stream.StartsWith(Streams.IncidentPrefix, StringComparison.Ordinal)
            ? await StatusAsync(stream, cancellationToken).ConfigureAwait(false)
            : null;
        var notice = IncidentCards.Notice("Already done", "This request was already applied; nothing was done twice.", status?.IncidentId);
        return new CommandResult(status?.IncidentId, [new Reply(ReplyVisibility.Ephemeral, notice), .. status?.Replies ?? []], CommandOutcome.Duplicate);
    }
}
