using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Incidents;

// A folded incident is kept in memory and advanced by new events instead of being folded again from its history.
// Readers may hold the kept copy while a command records into its own: a command works on a copy, and the copy that
// was committed replaces the kept one. Copying costs what the incident's state holds (containments, review items),
// never what its history holds (notes, refusals and polls leave no state behind).
public sealed partial class Incident
{
    private Incident(Incident source)
    {
        Id = source.Id;
        ownLifecycle = source.ownLifecycle is null ? null : new IncidentLifecycle(source.ownLifecycle.Rules);
        containments.AddRange(source.containments.Select(c => c.Copy()));
        foreach (var (role, person) in source.roles) roles[role] = person;
        learningItems.AddRange(source.learningItems);
        factors.AddRange(source.factors);
        followUpItems.AddRange(source.followUpItems);
        foreach (var (number, answer) in source.answers) answers[number] = answer;
        conversations.AddRange(source.conversations);
        (Title, Service, Severity, Layers, State, Version, LastSeq, IsDrill) =
            (source.Title, source.Service, source.Severity, source.Layers, source.State, source.Version, source.LastSeq, source.IsDrill);
        (RunbookId, RunbookHash, RunbookVersion, OriginSurface, OriginConversation) =
            (source.RunbookId, source.RunbookHash, source.RunbookVersion, source.OriginSurface, source.OriginConversation);
        (DeclaredUtc, UpdatedUtc, ReviewQuestions, InterruptedStep, FirstSignal) =
            (source.DeclaredUtc, source.UpdatedUtc, source.ReviewQuestions, source.InterruptedStep, source.FirstSignal);
    }

    /// <summary>An independent copy: recording into it or applying events to it leaves this incident as it is.</summary>
    public Incident Copy() => new(this);
}
