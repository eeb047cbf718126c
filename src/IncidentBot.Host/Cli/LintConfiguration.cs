using IncidentBot.Core.Execution;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Host.Cli;

/// <summary>
/// The configuration <c>runbook lint</c> checks placeholders against, read like the server reads it:
/// <c>appsettings.json</c>, <c>appsettings.{environment}.json</c> (DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT,
/// default Production) beside the program, then environment variables; in Development with the practice service on,
/// the settings the server derives from its own address count as set.
/// </summary>
internal static class LintConfiguration
{
    public static ExecutionSettings ExecutionSettings()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } d ? d
            : Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } a ? a : "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = configuration.GetSection(Core.Execution.ExecutionSettings.SectionName).Get<ExecutionSettings>() ?? new ExecutionSettings();
        // The server fills these in from its own address when the practice service runs (PracticeUrls).
        if (string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase) && configuration.GetValue<bool>($"{Practice.PracticeOptions.SectionName}:Enabled"))
            foreach (var name in Practice.PracticeUrls.Paths.Keys) settings.Settings.TryAdd(name, "(the bot's own address)");
        return settings;
    }
}
