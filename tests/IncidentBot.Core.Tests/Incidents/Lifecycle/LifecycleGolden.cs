using System.Text;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Tests.Incidents.Lifecycle;

/// <summary>
/// The golden outcomes of the lifecycle (<c>lifecycle-outcomes.tsv</c>): for each state and trigger, the outcome for
/// every combination of guard inputs. A row names only the inputs its outcome depends on; the others are <c>*</c>.
/// Written from the hand-written table before Stateless replaced it, so the machine is held to what the table decided.
/// Regenerate deliberately (after a reviewed change to the lifecycle) with <c>INCIDENTBOT_WRITE_LIFECYCLE_GOLDEN=1</c>.
/// </summary>
internal sealed class LifecycleGolden
{
    public const string FileName = "lifecycle-outcomes.tsv";

    private readonly List<(IncidentState State, Trigger Trigger, string[] Fields, string Outcome)> rows = [];

    private LifecycleGolden() { }

    /// <summary>The committed file, as copied next to the tests.</summary>
    public static LifecycleGolden Load()
    {
        var golden = new LifecycleGolden();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Incidents", "Lifecycle", FileName)))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var cells = line.Split('\t');
            golden.rows.Add((Enum.Parse<IncidentState>(cells[0]), Enum.Parse<Trigger>(cells[1]), cells[2..^1], cells[^1]));
        }
        return golden;
    }

    /// <summary>The golden outcome for one case; fails when no row or more than one row covers it.</summary>
    public string Outcome(IncidentState state, Trigger trigger, LifecycleInputs inputs)
    {
        var fields = LifecycleCases.Fields(inputs);
        var matches = rows.Where(r => r.State == state && r.Trigger == trigger &&
                                      r.Fields.Select((f, i) => f == "*" || f == fields[i]).All(x => x)).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} golden rows cover {state} {trigger} {string.Join(' ', fields)}");
        return matches[0].Outcome;
    }

    /// <summary>Writes the golden file for <paramref name="outcome"/>, naming per state and trigger only the inputs
    /// that change the outcome.</summary>
    public static string Write(Func<IncidentState, Trigger, LifecycleInputs, string> outcome)
    {
        var sb = new StringBuilder();
        sb.Append("# Lifecycle outcomes: state, trigger, guard inputs (* = any), outcome. See LifecycleGolden.cs.\n");
        sb.Append("# state\ttrigger\t").Append(string.Join('\t', LifecycleCases.FieldNames)).Append("\toutcome\n");
        foreach (var state in LifecycleCases.States)
        {
            foreach (var trigger in LifecycleCases.Triggers)
            {
                var cases = LifecycleCases.Inputs.Select(i => (Fields: LifecycleCases.Fields(i), Outcome: outcome(state, trigger, i))).ToList();
                var relevant = Enumerable.Range(0, LifecycleCases.FieldNames.Length).Where(f => cases.Any(a => cases.Any(b =>
                    a.Outcome != b.Outcome && Enumerable.Range(0, a.Fields.Length).All(k => k == f || a.Fields[k] == b.Fields[k])))).ToHashSet();
                foreach (var group in cases.GroupBy(c => string.Join('\t', c.Fields.Select((v, k) => relevant.Contains(k) ? v : "*"))))
                {
                    var outcomes = group.Select(c => c.Outcome).Distinct().ToList();
                    Assert.Single(outcomes);
                    sb.Append(state).Append('\t').Append(trigger).Append('\t').Append(group.Key).Append('\t').Append(outcomes[0]).Append('\n');
                }
            }
        }
        return sb.ToString();
    }
}
