using IncidentBot.Core.Execution;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Host.Cli;

/// <summary>
/// The configuration the command-line tools (<c>runbook lint</c>, <c>readiness</c>) read, as the server reads it:
/// <c>appsettings.json</c>, <c>appsettings.{environment}.json</c> beside the program (the <c>environment</c> given on
/// the command line, else DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT, default Production), environment variables,
/// then <c>Key=Value</c> words on the command line. In Development with the practice service on, the settings the server
/// derives from its own address are filled in the same way (<see cref="FillPractice"/>).
/// </summary>
internal static class ToolConfiguration
{
    /// <summary>The configuration, and whether it is Development's.</summary>
    public static IConfigurationRoot Build(string[] overrides, out bool development)
    {
        var environment = new ConfigurationBuilder().AddCommandLine(overrides).Build()["environment"] is { Length: > 0 } e ? e
            : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } d ? d
            : Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } a ? a : "Production";
        development = string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase);
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides)
            .Build();
    }

    /// <summary>The executors' settings <c>runbook lint</c> checks placeholders against.</summary>
    public static ExecutionSettings ExecutionSettings()
    {
        var configuration = Build([], out var development);
        var settings = configuration.GetSection(Core.Execution.ExecutionSettings.SectionName).Get<ExecutionSettings>() ?? new ExecutionSettings();
        FillPractice(configuration, development, settings);
        return settings;
    }

    /// <summary>
    /// In Development with the practice service on, the server points the settings it does not set (and the drill
    /// settings) at its own practice service, on the address it listens on (<see cref="Practice.PracticeUrls"/>). A tool
    /// runs beside that server, so it takes the same address from the configuration (<c>urls</c>, else ASPNETCORE_URLS,
    /// else the launch profile's <c>http://localhost:5080</c>): lint counts them as set, readiness probes them there.
    /// </summary>
    public static void FillPractice(IConfiguration configuration, bool development, ExecutionSettings execution)
    {
        if (!development || !configuration.GetValue<bool>($"{Practice.PracticeOptions.SectionName}:Enabled")) return;
        var urls = configuration["urls"] is { Length: > 0 } u ? u
            : Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } e ? e : "http://localhost:5080";
        if (Practice.PracticeUrls.Choose(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) is not { } root) return;
        foreach (var (name, path) in Practice.PracticeUrls.Paths)
        {
            execution.Settings.TryAdd(name, root + path);
            execution.DrillSettings.TryAdd(name, root + path);
        }
    }
}
