using IncidentBot.Core.Execution;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Console;
using IncidentBot.Host.Practice;
using IncidentBot.Slack;
using IncidentBot.Teams;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Startup;

/// <summary>
/// Settings the bot starts with but that are probably a mistake: each is one warning line at start-up
/// (README, "Risky configurations").
/// </summary>
internal static class RiskyConfiguration
{
    /// <summary>Logs one warning per risky setting.</summary>
    public static void Warn(WebApplication app, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        var development = app.Environment.IsDevelopment();
        if (ConsoleEndpoints.IsEnabled(app) && !development) StartupLog.ConsoleOutsideDevelopment(logger);

        var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        if (!development && api.AllowAnonymous != true && !api.Keys.Any(k => k.Length > 0)) StartupLog.NoApiKeys(logger, app.Environment.EnvironmentName);
        if (!development && api.AllowAnonymous == true) StartupLog.ApiAnonymous(logger, app.Environment.EnvironmentName);

        var people = app.Services.GetRequiredService<IOptions<GovernanceOptions>>().Value.People;
        foreach (var (surface, enabled) in new[] { ("slack", app.Configuration.IsSlackConfigured()), ("teams", app.Configuration.IsTeamsConfigured()) })
        {
            if (enabled && !people.Any(p => p.Identities.TryGetValue(surface, out var id) && !string.IsNullOrWhiteSpace(id)))
                StartupLog.NobodyMapped(logger, surface);
        }

        var settings = app.Services.GetRequiredService<ExecutionSettings>();
        // The practice service's URLs are filled in once the server is listening (PracticeUrls), so they are not missing.
        var known = new Dictionary<string, string>(settings.Settings, StringComparer.Ordinal);
        if (app.Services.GetService<PracticeUrls>() is not null && PracticeEndpoints.IsEnabled(app))
            foreach (var name in PracticeUrls.Paths.Keys) known.TryAdd(name, "");
        foreach (var line in TemplateReferences.Missing(app.Services.GetRequiredService<RunbookCatalog>().All, known, settings.Secrets))
            StartupLog.TemplateNotConfigured(logger, line);
    }
}
