using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Incidents;

// Intent: a follow-up's owner must be a real person (someone must be able to be chased for it), and the runbook's
// review.required decides, per severity, what the review must contain before Close is accepted.
public sealed partial class Incident
{
    private Decision DecideFollowUp(FollowUpCommand command, DecisionContext context)
    {
        if (command.Owner is null) return Decision.Accept(new FollowUpAdded(command.Action, null, command.Due));
        var owner = command.Owner.Equals(AssignCommand.Me, StringComparison.OrdinalIgnoreCase) ? context.Actor.Id : command.Owner.TrimStart('@');
        return context.People.Find(owner) is { } person
            ? Decision.Accept(new FollowUpAdded(command.Action, person.Id, command.Due))
            : Decision.Refuse($"Follow-up owner '{command.Owner}' is not a person in the governance configuration.");
    }

    private Decision DecideAnswer(AnswerCommand command) =>
        command.Number <= ReviewQuestions.Count
            ? Decision.Accept(new QuestionAnswered(command.Number, ReviewQuestions[command.Number - 1], command.Answer))
            : Decision.Refuse(ReviewQuestions.Count == 0
                ? $"The runbook of {Id} asks no review questions."
                : $"{Id}'s review has questions 1 to {ReviewQuestions.Count}; there is no question {command.Number}.");

    private Decision DecideClose(DecisionContext context)
    {
        var progress = ReviewProgress.Of(this, context.Runbook.Review);
        return progress.Ready
            ? Decision.Accept(new IncidentClosed(CloseSummary()))
            : Decision.Refuse($"{Id} cannot close yet: {progress.Severity.ToText()} needs {progress.MissingText}.");
    }
}
