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
        var severity = Severity ?? Incidents.Severity.Sev4;
        var required = context.Runbook.Review.RequiredFor(severity);
        var missing = new List<string>();
        if (Learnings.Count < required.Learnings)
            missing.Add($"{Plural(required.Learnings, "learning")} (has {Learnings.Count})");
        if (FollowUpsWithOwner < required.FollowUpsWithOwner)
            missing.Add($"{Plural(required.FollowUpsWithOwner, "follow-up")} with an owner (has {FollowUpsWithOwner})");
        return missing.Count == 0
            ? Decision.Accept(new IncidentClosed(CloseSummary()))
            : Decision.Refuse($"{Id} cannot close yet: {severity.ToText()} needs {string.Join(" and ", missing)}.");
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
