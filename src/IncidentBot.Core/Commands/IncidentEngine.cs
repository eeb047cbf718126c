using IncidentBot.Core.Changes;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Core.Commands;

/// <summary>
/// The only writer of incident state. Every surface hands it commands; it parses, resolves the person and the
/// incident, asks the incident to decide, and commits the resulting events (or the refusal) durably before it
/// answers. Commands on one incident are serialised; the store's sequence check backs that up across processes.
/// </summary>
public sealed partial class IncidentEngine
{
    private readonly IEvidenceStore store;
    private readonly IIncidentReadModel incidents;
    private readonly IConversationReadModel conversations;
    private readonly ChangeLog changes;
    private readonly IChangeReadModel changesReadModel;
    private readonly PinnedRunbooks runbooks;
    private readonly PeopleDirectory people;
    private readonly EngineOptions options;
    private readonly TimeProvider time;
    private readonly DrillPreflight? drills;
    private readonly BotMetrics? metrics;
    private readonly KeyedLock locks = new();
    private readonly StreamCache streams;
    private readonly FoldedIncidents folded;

    /// <summary>Creates the engine; <paramref name="metrics"/> null measures nothing (engines built by hand in tests).</summary>
    public IncidentEngine(IEvidenceStore store, IIncidentReadModel incidents, IConversationReadModel conversations, IChangeReadModel changesReadModel,
        ChangeLog changes, PinnedRunbooks runbooks, PeopleDirectory people, EngineOptions options, TimeProvider time,
        DrillPreflight? drills = null, BotMetrics? metrics = null)
    {
        this.drills = drills;
        this.metrics = metrics;
        (this.store, this.incidents, this.conversations, this.changesReadModel, this.changes, this.runbooks, this.people, this.options, this.time) =
            (store, incidents, conversations, changesReadModel, changes, runbooks, people, options, time);
        streams = new StreamCache(store);
        folded = new FoldedIncidents(store);
    }

    /// <summary>Who is who.</summary>
    public PeopleDirectory People => people;

    /// <summary>Handles one command line from a surface.</summary>
    public Task<CommandResult> HandleAsync(CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var parsed = CommandParser.Parse(envelope.Text);
        if (!parsed.Ok)
        {
            var text = parsed.Usage is null ? parsed.Error! : $"{parsed.Error}\nUsage: {parsed.Usage}";
            return MeasuredAsync(envelope.Surface, UnparsedVerb, () => Task.FromResult(NotUnderstood(envelope, text)));
        }
        var actor = people.Resolve(envelope.Surface, envelope.UserId);
        return ExecuteAsync(parsed.Command!, actor, envelope, cancellationToken);
    }

    /// <summary>Handles a parsed command from <paramref name="actor"/> (surfaces with buttons, the bot's own jobs).</summary>
    public Task<CommandResult> ExecuteAsync(IncidentCommand command, Actor actor, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(envelope);
        return MeasuredAsync(envelope.Surface, command.Verb, () => TracedAsync(command, actor, envelope, cancellationToken));
    }

    /// <summary>Runs one command inside its <c>incidentbot.command</c> span.</summary>
    private async Task<CommandResult> TracedAsync(IncidentCommand command, Actor actor, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        using var span = StartCommand(command, envelope);
        try
        {
            var result = await RouteAsync(command, actor, envelope, cancellationToken).ConfigureAwait(false);
            Answered(span, result);
            return result;
        }
        catch (Exception e) when (Failed(span, e))
        {
            throw;
        }
    }

    private async Task<CommandResult> RouteAsync(IncidentCommand command, Actor actor, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case HelpCommand h: return Help(h);
            case ListCommand: return await ListAsync(cancellationToken).ConfigureAwait(false);
            case DeclareCommand { IncidentId: null } d: return await DeclareAsync(d, actor, envelope, cancellationToken).ConfigureAwait(false);
            case DrillCommand { IncidentId: null } d: return await DrillAsync(d, actor, envelope, cancellationToken).ConfigureAwait(false);
            case ChangesCommand c when c.Service is not null || (command.IncidentId is null && envelope.ConversationKey is null):
                return await ChangesAsync(c.Service, cancellationToken).ConfigureAwait(false);
        }

        var incidentId = command.IncidentId ?? await FindByConversationAsync(envelope, cancellationToken).ConfigureAwait(false);
        if (incidentId is null)
            return Answer(null, IncidentCards.Notice("Which incident?",
                $"Say /incident {command.Verb} INC-n …, or type it in the incident's thread. /incident list shows the open ones.", tone: CardTone.Warning));

        return command switch
        {
            StatusCommand => await StatusAsync(incidentId, cancellationToken).ConfigureAwait(false),
            ExportCommand e => await ExportAsync(incidentId, e.Format, cancellationToken).ConfigureAwait(false),
            ChangesCommand => await IncidentChangesAsync(incidentId, cancellationToken).ConfigureAwait(false),
            ContainCommand { OptionId: null } => await OptionsAsync(incidentId, cancellationToken).ConfigureAwait(false),
            _ => await DecideAsync(incidentId, command, actor, envelope, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The incident of the conversation a command was typed in: a thread or channel bound to one, or a
    /// conversation named by an incident id (the console's threads are the incidents themselves).</summary>
    private async Task<string?> FindByConversationAsync(CommandEnvelope envelope, CancellationToken cancellationToken) =>
        envelope.ConversationKey is not { Length: > 0 } key ? null
        : IncidentIds.Normalize(key) is { } id ? id
        : await conversations.FindIncidentByConversationAsync(envelope.Surface, key, cancellationToken).ConfigureAwait(false);

    private static CommandResult Answer(string? incidentId, Card card, ReplyVisibility visibility = ReplyVisibility.Ephemeral) =>
        new(incidentId, [new Reply(visibility, card)], CommandOutcome.Answered);
}
