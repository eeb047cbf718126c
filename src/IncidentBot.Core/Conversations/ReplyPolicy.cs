using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Messages;

namespace IncidentBot.Core.Conversations;

/// <summary>
/// What a command answers at once, to the person who sent it, and what goes to the incident's conversations. One rule
/// for every surface: the person gets a short answer inside the surface's deadline (Slack's 3 s, Teams' invoke); the
/// conversations get the change through the outbox, in order, after the commit.
/// </summary>
public static class ReplyPolicy
{
    /// <summary>
    /// Whether <paramref name="conversation"/> is told about a change caused by <paramref name="envelope"/>. The console
    /// shows a person's own command's reply where it was typed, so its room hears only what nobody typed there;
    /// threaded surfaces (Slack, Teams) hear every change.
    /// </summary>
    public static bool ThreadHears(ConversationReference conversation, Actor actor, CommandEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(envelope);
        return !(conversation.Surface == Surfaces.Console && envelope.Surface == Surfaces.Console && actor.Id != Actor.System.Id);
    }

    /// <summary>
    /// The cards for the person who sent a command, answered at once: the engine's own replies when nothing changed
    /// (usage, refusals, status, lists), or a short acknowledgement when it was applied (the incident's root card is
    /// updated and its thread told what happened, through the outbox). <paramref name="result"/> null: the bot failed, and says so without detail.
    /// </summary>
    public static IReadOnlyList<Card> Immediate(CommandResult? result, CommandEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (result is null)
            return [IncidentCards.Notice("Something went wrong", "IncidentBot could not handle that just now; the error was logged. Try again — a repeat is applied at most once.", tone: CardTone.Danger)];
        if (result.Outcome != CommandOutcome.Applied) return result.Replies.Select(r => r.Card).ToList();
        var id = result.IncidentId ?? "";
        return CommandParser.Parse(envelope.Text).Command switch
        {
            DeclareCommand => [IncidentCards.Notice($"Declared {id}", "The incident card is being posted in this channel; its thread is where everything else happens.", id, CardTone.Success)],
            DrillCommand => [IncidentCards.Notice($"Drill {id} started", "A practice incident: its card is being posted in this channel, marked DRILL; run the runbook in its thread.", id, CardTone.Success)],
            _ => [IncidentCards.Notice($"{id}: {VerbOf(envelope.Text)} done", "The incident's card is updated and its thread says what happened.", id, CardTone.Success)],
        };
    }

    /// <summary>The verb of a command line (<c>/incident approve …</c> → <c>approve</c>), at most 20 characters, for replies and logs.</summary>
    public static string VerbOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var verb = parts.Length > 1 && parts[0].StartsWith('/') ? parts[1] : parts.FirstOrDefault() ?? "";
        return verb.Length <= 20 ? verb : verb[..20];
    }
}
