using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    private async Task<CommandResult> DeclareAsync(DeclareCommand command, Actor actor, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        if (NotResponder(actor, "declare incidents") is { } reason)
            return await RecordBotRefusalAsync(command, actor, envelope, reason, cancellationToken).ConfigureAwait(false);

        var runbook = command.RunbookId is { } rid ? runbooks.Catalog.Find(rid)
            : runbooks.Catalog.Match(command.Service, null) ?? (options.DefaultRunbook is { } d ? runbooks.Catalog.Find(d) : null);
        if (runbook is null)
        {
            var known = string.Join(", ", runbooks.Catalog.All.Select(r => r.Id));
            var why = command.RunbookId is null
                ? $"No runbook applies to service '{command.Service ?? "(none)"}'. Name one with runbook=ID. Runbooks: {known}."
                : $"There is no runbook '{command.RunbookId}'. Runbooks: {known}.";
            return Answer(null, IncidentCards.Notice("Which runbook?", why, tone: CardTone.Warning));
        }

        var service = command.Service ?? runbook.AppliesTo.Services.FirstOrDefault() ?? "";
        var declared = new IncidentDeclared(command.Title, command.Severity, service, runbook.Id, runbook.ContentHash,
            runbook.PinnedVersion, actor.Id, envelope.Surface, envelope.ConversationKey);
        return await OpenAsync(declared, runbook, actor, envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="actor"/> may not <paramref name="what"/> (only responders open incidents and
    /// drills), or null when they may.</summary>
    private string? NotResponder(Actor actor, string what) =>
        people.IsResponder(actor) ? null
        : actor.IsKnown ? $"{actor.DisplayName} is not in a responder group, so cannot {what}."
        : $"{actor.DisplayName} is not in the governance configuration, so cannot {what}.";

    /// <summary>Records a new incident (a real one or a drill) from its declaration, allocating its INC-n, and answers
    /// with its status card.</summary>
    private async Task<CommandResult> OpenAsync(IncidentDeclared declared, Runbooks.Runbook runbook, Actor actor,
        CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        var service = declared.Service;
        // Where it was declared is where it talks: the typed reference the surface gave (a Teams conversation with its
        // service URL), else the one the declaration implies (the Slack channel, the console's room).
        // Recorded as its own event only when it says more than the declaration does (a Teams service URL, a tenant).
        var implied = ConversationReference.FromOrigin(envelope.Surface, envelope.ConversationKey);
        var bound = envelope.Conversation?.WithoutThread() ?? implied;
        IncidentEvent[] facts = bound is null || bound == implied ? [declared] : [declared, new ConversationBound(bound)];
        var preview = Incident.Start("INC-0");
        var verb = declared.Drill == true ? "drill" : "declare";
        List<EventDraft> drafts;
        List<Outbox.OutboxDraft> outbox;
        using (StartDecide(null, verb, envelope, 1)?.SetTag(BotSpans.Outcome, "accepted"))
        {
            drafts = Record(preview, facts, actor, envelope.Surface, time.GetUtcNow(), runbook.PinnedVersion);
            // The store allocates INC-n inside the transaction, so the declaration's notification carries no card: the
            // surface renders the incident's current card for the outbox row's stream when it delivers.
            outbox = [.. NotificationRouter.Declared(preview, actor, envelope)];
        }
        AppendOutcome outcome;
        using (var committing = StartCommit(null, verb, envelope))
        {
            outcome = await CommitAsync(new AppendRequest(null, 0, drafts, envelope.DeliveryId, preview.Summarize(),
                Outbox: outbox, Runbook: new RunbookSnapshot(runbook.ContentHash, runbook.Id, runbook.SourceText),
                Conversations: bound is { Channel.Length: > 0 } ? [bound] : null), cancellationToken).ConfigureAwait(false);
            Committed(committing, outcome);
        }

        if (outcome is AppendOutcome.Duplicate dup) return await DuplicateAsync(dup.Stream, cancellationToken).ConfigureAwait(false);
        var appended = (AppendOutcome.Appended)outcome;
        var incident = folded.Committed(appended.Stream, null, appended.Events);
        var recent = await changes.RecentAsync(service, time.GetUtcNow(), options.ChangeWindow, cancellationToken).ConfigureAwait(false);
        var card = StatusCard(incident, runbook, recent);
        return new CommandResult(incident.Id, [new Reply(ReplyVisibility.Conversation, card)], CommandOutcome.Applied);
    }

    private async Task<CommandResult> RecordBotRefusalAsync(IncidentCommand command, Actor actor, CommandEnvelope envelope, string reason, CancellationToken cancellationToken)
    {
        var refused = new CommandRefused(command.Verb, command.Trigger?.ToString(), Clip(envelope.Text), reason);
        var draft = new EventDraft(EventCodec.TypeName(refused), actor.Id, envelope.Surface, time.GetUtcNow(), EventCodec.Serialize(refused), null);
        var outcome = await store.AppendAsync(new AppendRequest(Streams.Bot, AppendRequest.AnySeq, [draft], envelope.DeliveryId), cancellationToken).ConfigureAwait(false);
        var result = outcome is AppendOutcome.Duplicate ? CommandOutcome.Duplicate : CommandOutcome.Refused;
        return new CommandResult(null, [new Reply(ReplyVisibility.Ephemeral, IncidentCards.Refusal(command.Verb, reason, null))], result);
    }

    /// <summary>
    /// Records new events into <paramref name="into"/> (the incident folded so far, which becomes the incident after
    /// them) and returns what to store: each event with the lifecycle move it made written on it, so that history is
    /// folded from what was decided, never decided again.
    /// </summary>
    private static List<EventDraft> Record(Incident into, IEnumerable<IncidentEvent> events, Actor actor, string surface, DateTimeOffset at, string? runbookVersion)
    {
        var drafts = new List<EventDraft>();
        foreach (var e in events)
        {
            var standIn = new EvidenceEvent("", into.LastSeq + 1, "", EventCodec.TypeName(e), actor.Id, surface, at, "", runbookVersion, "", "");
            var recorded = into.Record(e, standIn);
            drafts.Add(new EventDraft(EventCodec.TypeName(recorded), actor.Id, surface, at, EventCodec.Serialize(recorded), runbookVersion));
        }
        return drafts;
    }

    private static string Clip(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
