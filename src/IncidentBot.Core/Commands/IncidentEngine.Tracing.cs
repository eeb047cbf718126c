using System.Diagnostics;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>The span of one command (<see cref="BotSpans.Command"/>); null when nobody listens.</summary>
    private static Activity? StartCommand(IncidentCommand command, CommandEnvelope envelope) =>
        BotTelemetry.Source.StartActivity(BotSpans.Command)
            ?.SetTag(BotSpans.Surface, envelope.Surface).SetTag(BotSpans.Verb, command.Verb).SetTag(BotSpans.IncidentId, command.IncidentId);

    /// <summary>Answers a command line the parser did not understand, inside its own <see cref="BotSpans.Command"/> span
    /// (verb <c>unparsed</c>, outcome <c>answered</c>), so a trace shows what the bot made of every request.</summary>
    private static CommandResult NotUnderstood(CommandEnvelope envelope, string text)
    {
        using var span = BotTelemetry.Source.StartActivity(BotSpans.Command)
            ?.SetTag(BotSpans.Surface, envelope.Surface).SetTag(BotSpans.Verb, UnparsedVerb);
        var result = Answer(null, IncidentCards.Notice("Not understood", text, tone: CardTone.Warning));
        Answered(span, result);
        return result;
    }

    /// <summary>The span of a decision (<see cref="BotSpans.Decide"/>); the incident id is null while a declaration
    /// has none yet (the store allocates it when it commits).</summary>
    private static Activity? StartDecide(string? incidentId, string verb, CommandEnvelope envelope, int attempt) =>
        BotTelemetry.Source.StartActivity(BotSpans.Decide)
            ?.SetTag(BotSpans.IncidentId, incidentId).SetTag(BotSpans.Surface, envelope.Surface).SetTag(BotSpans.Verb, verb)
            .SetTag(BotSpans.Attempt, attempt);

    /// <summary>The span of a commit (<see cref="BotSpans.Commit"/>).</summary>
    private static Activity? StartCommit(string? incidentId, string verb, CommandEnvelope envelope) =>
        BotTelemetry.Source.StartActivity(BotSpans.Commit)
            ?.SetTag(BotSpans.IncidentId, incidentId).SetTag(BotSpans.Surface, envelope.Surface).SetTag(BotSpans.Verb, verb);

    /// <summary>Tags how a commit ended: <c>appended</c> (with the stream, which names a new incident), <c>duplicate</c>
    /// or <c>conflict</c>.</summary>
    private static void Committed(Activity? span, AppendOutcome outcome)
    {
        if (span is null) return;
        switch (outcome)
        {
            case AppendOutcome.Appended a:
                span.SetTag(BotSpans.IncidentId, a.Stream).SetTag(BotSpans.Outcome, "appended");
                break;
            case AppendOutcome.Duplicate d:
                span.SetTag(BotSpans.IncidentId, d.Stream).SetTag(BotSpans.Outcome, "duplicate");
                break;
            default:
                span.SetTag(BotSpans.Outcome, "conflict");
                break;
        }
    }

    /// <summary>Tags a command's span with its result.</summary>
    private static void Answered(Activity? span, CommandResult result) =>
        span?.SetTag(BotSpans.IncidentId, result.IncidentId).SetTag(BotSpans.Outcome, result.Outcome switch
        {
            CommandOutcome.Applied => "applied",
            CommandOutcome.Refused => "refused",
            CommandOutcome.Duplicate => "duplicate",
            _ => "answered",
        });

    /// <summary>Marks a span failed by <paramref name="error"/>; false, so it serves as an exception filter that lets
    /// the exception go on.</summary>
    private static bool Failed(Activity? span, Exception error)
    {
        span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        return false;
    }
}
