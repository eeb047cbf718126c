using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>The incident folded from its events, with its pinned runbook; null when it does not exist.</summary>
    public async Task<(Incident Incident, Runbooks.Runbook Runbook)?> LoadAsync(string incidentId, CancellationToken cancellationToken)
    {
        var incident = await folded.CurrentAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return incident is null ? null : (incident, await runbooks.GetAsync(incident.RunbookHash, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The incident's card as it is now (what a thread root shows), or null when it does not exist.</summary>
    public async Task<Card?> CardAsync(string incidentId, CancellationToken cancellationToken)
    {
        var result = await StatusAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return result.IncidentId is null ? null : result.Replies[0].Card;
    }

    private static CommandResult Help(HelpCommand help)
    {
        if (help.Topic is { } topic)
        {
            var usage = CommandHelp.UsageOf(topic);
            var summary = CommandHelp.Verbs.FirstOrDefault(v => v.Verb == topic).Summary;
            var near = usage is null ? CommandHelp.Nearest(topic) : null;
            return Answer(null, usage is null
                ? IncidentCards.Notice("Help", near is null ? $"There is no verb '{ClipTopic(topic)}'. /incident help lists them."
                    : $"There is no verb '{ClipTopic(topic)}'. Did you mean {near}?\nUsage: {CommandHelp.UsageOf(near)}", tone: CardTone.Warning)
                : IncidentCards.Notice($"Help: {topic}", $"{usage}\n{summary}"));
        }
        return Answer(null, IncidentCards.Notice("IncidentBot commands",
            CommandHelp.All() + "\nINC-n right after the verb selects an incident; otherwise the thread you type in does."));
    }

    private static string ClipTopic(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private async Task<CommandResult> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await incidents.ListIncidentsAsync(false, cancellationToken).ConfigureAwait(false);
        // A row the store cannot vouch for (edited behind it) is shown as its events say.
        var open = new List<IncidentSummary>(rows.Count);
        foreach (var row in rows)
            open.Add(row.Attested ? row : (await folded.CurrentAsync(row.Id, cancellationToken).ConfigureAwait(false))?.Summarize() ?? row);
        var text = open.Count == 0 ? "No open incidents."
            : string.Join('\n', open.Select(i => $"• {i.Id} {(i.Drill ? "[DRILL] " : "")}[{i.Severity?.ToText() ?? "untriaged"}] {i.Title} — {IncidentCards.Describe(i.State)}, commander {i.Commander}"));
        return Answer(null, IncidentCards.Notice($"Open incidents ({open.Count})", text));
    }

    private async Task<CommandResult> ChangesAsync(string? service, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - TimeSpan.FromDays(7);
        var list = await changesReadModel.ListChangesAsync(service, since, cancellationToken).ConfigureAwait(false);
        var text = list.Count == 0 ? "No changes recorded in the last 7 days."
            : string.Join('\n', list.Take(30).Select(c => $"{c.Service}: {IncidentCards.DescribeChange(c)[2..]}"));
        return Answer(null, IncidentCards.Notice($"Changes{(service is null ? "" : " to " + service)} (7 days)", text));
    }

    private async Task<CommandResult> IncidentChangesAsync(string incidentId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return loaded is null ? NoSuch(incidentId) : await ChangesAsync(loaded.Value.Incident.Service, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandResult> StatusAsync(string incidentId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (loaded is not { } l) return NoSuch(incidentId);
        var recent = l.Incident.State == IncidentState.Triage
            ? await changes.RecentAsync(l.Incident.Service, l.Incident.DeclaredUtc, options.ChangeWindow, cancellationToken).ConfigureAwait(false)
            : null;
        var card = StatusCard(l.Incident, l.Runbook, recent);
        // A finished incident's card carries its seal: the root card in every chat thread is updated to it when the
        // incident closes, so the people in the thread hold a copy `evidence verify --seal` can check later.
        if (l.Incident.State is IncidentState.Closed or IncidentState.Cancelled
            && await store.GetSealAsync(incidentId, cancellationToken).ConfigureAwait(false) is { } seal)
            card = card with { Context = $"{card.Context} · Evidence seal: {seal}" };
        return Answer(incidentId, card);
    }

    private async Task<CommandResult> OptionsAsync(string incidentId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (loaded is not { } l) return NoSuch(incidentId);
        var text = string.Join('\n', l.Runbook.Options.Select(o =>
            $"• {o.Id}: {o.Title} ({o.Kind.ToString().ToLowerInvariant()} · {o.Layer} · {IncidentCards.ApprovalText(o, l.Incident)})" +
            (o.Approval.BreakGlass.AllowsAt(l.Incident.Severity ?? Severity.Sev4) ? " · break-glass allowed" : "")));
        return Answer(incidentId, IncidentCards.Notice($"Containment options for {incidentId}",
            text + $"\nChoose with /incident contain {incidentId} <option-id>", incidentId));
    }

    private async Task<CommandResult> ExportAsync(string incidentId, string format, CancellationToken cancellationToken)
    {
        if (await DraftReviewAsync(incidentId, cancellationToken).ConfigureAwait(false) is not var (review, events)) return NoSuch(incidentId);
        var text = TimelineExporter.Export(events, format, review.Seal.Seal, review);
        return Answer(incidentId, IncidentCards.Notice($"{incidentId} {(format == "md" ? "post-mortem" : format == "json" ? "review" : "timeline")} ({format})", text, incidentId));
    }

    private static CommandResult NoSuch(string incidentId) =>
        Answer(null, IncidentCards.Notice("No such incident", $"There is no incident {incidentId}.", tone: CardTone.Warning));
}
