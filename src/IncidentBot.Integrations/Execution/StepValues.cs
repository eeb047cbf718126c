using IncidentBot.Core.Execution;
using Microsoft.Extensions.Options;

namespace IncidentBot.Integrations.Execution;

/// <summary>
/// The template values of a step (<see cref="TemplateValues.For"/> over the incident, its containment and the
/// configured <see cref="ExecutionSettings.Settings"/> (<see cref="ExecutionSettings.DrillSettings"/> for a drill) and <see cref="ExecutionSettings.Secrets"/>). Read per call, so a
/// rotated secret is used by the next step without a restart.
/// </summary>
public class StepValues(IOptionsMonitor<ExecutorOptions> options)
{
    /// <summary>The values for this step.</summary>
    public virtual IReadOnlyDictionary<string, string> For(StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var o = options.CurrentValue;
        return TemplateValues.For(context.Incident, context.Containment, o.SettingsFor(context.Incident), o.Secrets);
    }
}
