using IncidentBot.Core.Commands;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// A whole command decision of the new code (<see cref="Incident.Decide"/>: lifecycle, governance, runbook) for a
/// <see cref="DecisionCase"/>: bob (an approver) approves the containment alice chose, or alice (a responder) chooses
/// the general runbook's <c>rollback-last-change</c>, which needs one approval.
/// </summary>
/// <param name="Incident">The incident the command is decided against.</param>
/// <param name="Command">The command.</param>
/// <param name="Context">Who asks, under which runbook and people.</param>
public sealed record CommandScenario(Incident Incident, IncidentCommand Command, DecisionContext Context)
{
    /// <summary>The scenario for <paramref name="decisionCase"/>, from the events of <see cref="IncidentScript"/>.</summary>
    public static CommandScenario For(DecisionCase decisionCase, IReadOnlyList<StoredEvent> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var people = new PeopleDirectory(new GovernanceOptions
        {
            ResponderGroups = ["oncall"],
            People =
            [
                new PersonOptions { Id = "alice", Groups = ["oncall"] },
                new PersonOptions { Id = "bob", Groups = ["sre-leads"] },
            ],
        });
        var approving = decisionCase == DecisionCase.ApproveWithQuorum;
        var opening = script.Take(approving ? IncidentScript.ToAwaitingApproval : IncidentScript.ToAwaitingApproval - 1).ToList();
        var incident = Incident.FromEvents(IncidentScript.Id, IncidentScript.AsEvidence(opening)) ?? throw new InvalidOperationException("Empty incident.");
        IncidentCommand command = approving ? new ApproveCommand("go") : new ContainCommand("rollback-last-change", false);
        var actor = people.Find(approving ? "bob" : "alice")!;
        return new CommandScenario(incident, command, new DecisionContext(actor, GeneralRunbook(), people));
    }

    private static Runbook GeneralRunbook()
    {
        using var stream = typeof(CommandScenario).Assembly.GetManifestResourceStream("general.yaml")
                           ?? throw new InvalidOperationException("general.yaml is not embedded.");
        using var reader = new StreamReader(stream);
        var loaded = RunbookLoader.Load(reader.ReadToEnd(), "runbooks/general.yaml");
        return loaded.Runbook ?? throw new InvalidOperationException($"runbooks/general.yaml does not load: {string.Join("; ", loaded.Problems)}");
    }
}
