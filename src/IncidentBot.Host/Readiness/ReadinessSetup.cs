using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Configuration;
using IncidentBot.Slack;
using IncidentBot.Teams;

namespace IncidentBot.Host.Readiness;

/// <summary>What the readiness report reads from configuration, read the same way by the server and the CLI.</summary>
/// <param name="Catalog">The runbooks.</param>
/// <param name="Governance">Section <c>Governance</c>.</param>
/// <param name="Surfaces">Surfaces enabled: <c>console</c> (<c>Console:Enabled</c>, or unset in Development), <c>slack</c>
/// (signing secret and bot token), <c>teams</c> (app id).</param>
/// <param name="Engine">Section <c>Engine</c>.</param>
/// <param name="Execution">Section <c>Executors</c>.</param>
/// <param name="Options">Section <c>Readiness</c>.</param>
/// <param name="Evidence">Where the store and its key are.</param>
public sealed record ReadinessSetup(
    RunbookCatalog Catalog,
    GovernanceOptions Governance,
    IReadOnlyList<string> Surfaces,
    EngineOptions Engine,
    ExecutionSettings Execution,
    ReadinessOptions Options,
    EvidenceLocation Evidence)
{
    /// <summary>Reads every section from <paramref name="configuration"/>.</summary>
    public static ReadinessSetup From(IConfiguration configuration, bool development, RunbookCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(catalog);
        var surfaces = new List<string>();
        if (configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>()?.Enabled ?? development) surfaces.Add(Core.Evidence.Surfaces.Console);
        if (configuration.IsSlackConfigured()) surfaces.Add(Core.Evidence.Surfaces.Slack);
        if (configuration.IsTeamsConfigured()) surfaces.Add(Core.Evidence.Surfaces.Teams);
        return new ReadinessSetup(catalog,
            configuration.GetSection(GovernanceOptions.SectionName).Get<GovernanceOptions>() ?? new GovernanceOptions(),
            surfaces,
            configuration.GetSection(EngineOptions.SectionName).Get<EngineOptions>() ?? new EngineOptions(),
            configuration.GetSection(ExecutionSettings.SectionName).Get<ExecutionSettings>() ?? new ExecutionSettings(),
            configuration.GetSection(ReadinessOptions.SectionName).Get<ReadinessOptions>() ?? new ReadinessOptions(),
            EvidenceLocation.From(configuration));
    }
}
