using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Signals;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    private const string SignalSurface = "signal";

    /// <summary>
    /// Accepts a monitoring signal: attaches it to the open incident of its group, or declares one (as the bot, with
    /// the runbook its labels select), or records it in the bot's stream. Every signal is evidence.
    /// </summary>
    public async Task<SignalResult> AcceptSignalAsync(Signal signal, SignalOptions announce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(announce);
        var key = signal.Source + ":" + signal.GroupKey;
        // One signal group at a time: a burst of copies of one notification must open one incident, not several.
        using var groupLock = await locks.AcquireAsync(SignalSurface + ":" + key, cancellationToken).ConfigureAwait(false);
        var received = new SignalReceived(signal.Source, signal.GroupKey, signal.Status, signal.Title, signal.Labels, signal.StartsAt, signal.Link, signal.Annotations);
        var envelope = new CommandEnvelope(Surfaces.Api, signal.Source, $"signal {signal.Status} {signal.Title}");
        if (await conversations.FindIncidentByConversationAsync(SignalSurface, key, cancellationToken).ConfigureAwait(false) is { } existing &&
            await incidents.GetIncidentAsync(existing, cancellationToken).ConfigureAwait(false) is { IsOpen: true })
        {
            var result = await DecideAsync(existing, new SystemResultCommand(Trigger.Note, [received]), Actor.System, envelope, cancellationToken).ConfigureAwait(false);
            return new SignalResult("attached", existing, $"{signal.Status} signal recorded on {existing} ({result.Outcome}).");
        }

        var runbook = runbooks.Catalog.Match(signal.Service, signal.Labels) ?? (options.DefaultRunbook is { } d ? runbooks.Catalog.Find(d) : null);
        if (!signal.IsFiring || runbook is null)
        {
            var why = signal.IsFiring ? "no runbook applies to its labels" : "no open incident has this group";
            await store.AppendAsync(new AppendRequest(Streams.Bot, AppendRequest.AnySeq,
                [Draft(received, Actor.System, Surfaces.Api, null)]), cancellationToken).ConfigureAwait(false);
            return new SignalResult("recorded", null, $"Recorded; {why}.");
        }

        var service = signal.Service.Length > 0 ? signal.Service : runbook.AppliesTo.Services.FirstOrDefault() ?? "";
        var announced = await AnnouncedInAsync(announce, cancellationToken).ConfigureAwait(false);
        var origin = announced.FirstOrDefault();
        var declared = new IncidentDeclared(signal.Title, signal.Severity, service, runbook.Id, runbook.ContentHash, runbook.PinnedVersion,
            Actor.System.Id, origin?.Surface ?? Surfaces.Api, origin?.Channel);
        IncidentEvent[] facts = [declared, received, .. announced.Select(c => new ConversationBound(c))];
        var preview = Incident.Start("INC-0");
        var drafts = Record(preview, facts, Actor.System, Surfaces.Api, time.GetUtcNow(), runbook.PinnedVersion);
        // The signal group is bound like a conversation, so the group's later notifications find this incident.
        var outcome = await store.AppendAsync(new AppendRequest(null, 0, drafts, null, preview.Summarize(),
            Outbox: [.. NotificationRouter.Declared(preview, Actor.System, envelope)],
            Runbook: new Evidence.RunbookSnapshot(runbook.ContentHash, runbook.Id, runbook.SourceText),
            Conversations: [.. announced, new ConversationReference(SignalSurface, key)]), cancellationToken).ConfigureAwait(false);
        var id = ((AppendOutcome.Appended)outcome).Stream;
        return new SignalResult("declared", id, $"Declared {id} with runbook {runbook.PinnedVersion}.");
    }

    /// <summary>The conversations an incident opened by a signal is announced in: one per surface <c>Signals:AnnounceTo</c>
    /// names that has a conversation configured (the console always has its room). A Teams channel gets the service URL
    /// the bot last saw from it in an authenticated activity, without which it cannot be posted to.</summary>
    private async Task<IReadOnlyList<ConversationReference>> AnnouncedInAsync(SignalOptions announce, CancellationToken cancellationToken)
    {
        var list = new List<ConversationReference>();
        foreach (var surface in announce.Surfaces)
        {
            if (surface == Surfaces.Console) { list.Add(new ConversationReference(surface, ConversationReference.ConsoleRoom)); continue; }
            if (announce.ConversationFor(surface) is not { Length: > 0 } channel) continue;
            list.Add(await conversations.FindKnownConversationAsync(surface, channel, cancellationToken).ConfigureAwait(false)
                     ?? new ConversationReference(surface, channel));
        }
        return list;
    }

    private EventDraft Draft(IncidentEvent e, Actor actor, string surface, string? runbookVersion) =>
        new(EventCodec.TypeName(e), actor.Id, surface, time.GetUtcNow(), EventCodec.Serialize(e), runbookVersion);
}
