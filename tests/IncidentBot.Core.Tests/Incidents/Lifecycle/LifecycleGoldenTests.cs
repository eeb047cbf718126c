using IncidentBot.Core.Incidents.Lifecycle;
using IncidentBot.TestSupport;

namespace IncidentBot.Core.Tests.Incidents.Lifecycle;

/// <summary>The Stateless machine decides every state × trigger × guard-input case (approvals needed 0, 1, 2 ×
/// break-glass allowed or not × quorum reached or not × the other guard inputs) with the outcome, destination and
/// refusal text in <c>lifecycle-outcomes.tsv</c>. Those were written from the hand-written table the machine replaced,
/// by an equivalence test that compared the two case by case until the table was deleted.</summary>
public sealed class LifecycleGoldenTests
{
    [Fact]
    public void Decide_EveryStateTriggerAndGuardInput_IsTheGoldenOutcome()
    {
        // Arrange
        var lifecycle = new IncidentLifecycle();
        if (Environment.GetEnvironmentVariable("INCIDENTBOT_WRITE_LIFECYCLE_GOLDEN") == "1")
            File.WriteAllText(RepositoryRoot.Combine("tests", "IncidentBot.Core.Tests", "Incidents", "Lifecycle", LifecycleGolden.FileName), LifecycleGolden.Write((s, t, i) => LifecycleCases.Outcome(lifecycle, s, t, i)));
        var golden = LifecycleGolden.Load();
        var differences = new List<string>();

        // Act
        foreach (var state in LifecycleCases.States)
            foreach (var trigger in LifecycleCases.Triggers)
                foreach (var inputs in LifecycleCases.Inputs)
                {
                    var expected = golden.Outcome(state, trigger, inputs);
                    var actual = LifecycleCases.Outcome(lifecycle, state, trigger, inputs);
                    if (expected != actual) differences.Add($"{state} {trigger} {inputs}: golden '{expected}', Stateless '{actual}'");
                }

        // Assert
        Assert.Empty(differences);
    }
}
