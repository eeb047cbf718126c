using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;
using IncidentBot.Core.StateMachines;

namespace IncidentBot.Core.Tests.Incidents.Lifecycle;

/// <summary>Before the hand-written table goes: the Stateless machine decides every state × trigger × guard-input
/// case exactly as the table did (same outcome, destination and refusal text), and the golden file holds those
/// outcomes for after the table is gone.</summary>
public sealed class LifecycleEquivalenceTests
{
    [Fact]
    public void Decide_EveryStateTriggerAndGuardInput_SameOutcomeAsTheTable()
    {
        // Arrange
        var lifecycle = new IncidentLifecycle();
        var differences = new List<string>();

        // Act
        foreach (var state in LifecycleCases.States)
            foreach (var trigger in LifecycleCases.Triggers)
                foreach (var inputs in LifecycleCases.Inputs)
                {
                    var table = TableOutcome(state, trigger, inputs);
                    var machine = LifecycleCases.Outcome(lifecycle, state, trigger, inputs);
                    if (table != machine) differences.Add($"{state} {trigger} {inputs}: table '{table}', Stateless '{machine}'");
                }

        // Assert
        Assert.Empty(differences);
    }

    [Fact]
    public void GoldenOutcomes_AreTheTables()
    {
        // Arrange
        var written = LifecycleGolden.Write(TableOutcome);
        if (Environment.GetEnvironmentVariable("INCIDENTBOT_WRITE_LIFECYCLE_GOLDEN") == "1")
            File.WriteAllText(SourcePath(), written);
        var golden = LifecycleGolden.Load();

        // Act / Assert
        foreach (var state in LifecycleCases.States)
            foreach (var trigger in LifecycleCases.Triggers)
                foreach (var inputs in LifecycleCases.Inputs)
                    Assert.Equal(TableOutcome(state, trigger, inputs), golden.Outcome(state, trigger, inputs));
    }

    private static string TableOutcome(IncidentState state, Trigger trigger, LifecycleInputs inputs)
    {
        var move = LegacyLifecycle.Table.Resolve(state, trigger, inputs);
        var reason = LegacyLifecycle.Table.Mentions(state, trigger) ? move.Reason : null;
        return move.Permitted
            ? $"-> {move.To}"
            : $"refused: {RefusalText.Refusal(trigger, state, LifecycleCases.IncidentId, reason is null ? null : new LifecycleGuard("", reason, _ => false))}";
    }

    private static string SourcePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "IncidentBot.Core.Tests", "Incidents", "Lifecycle", LifecycleGolden.FileName);
    }
}
