using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Startup;

/// <summary>
/// Runs every <c>ValidateOnStart</c> options check at once, before the store is opened, and turns all the failures
/// (not only the first) into one <see cref="StartupFailedException"/> with exit code <see cref="ExitCodes.Invalid"/>.
/// </summary>
internal static class ConfigurationCheck
{
    public const string Headline = "IncidentBot will not start: the configuration is invalid.";

    /// <summary>Throws <see cref="StartupFailedException"/> listing every invalid setting.</summary>
    public static void Run(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (Problems(e) is { Count: > 0 } problems)
        {
            throw new StartupFailedException(ExitCodes.Invalid, Headline, problems, e);
        }
    }

    /// <summary>One line per failure in <paramref name="e"/>, or none when it is not a configuration failure.</summary>
    public static List<string> Problems(Exception e) => e switch
    {
        OptionsValidationException v => [.. v.Failures.Select(f => f.Trim())],
        AggregateException a => [.. a.InnerExceptions.SelectMany(Problems)],
        // The binder's "Failed to convert configuration value at 'Outbox:PollInterval' to type 'System.TimeSpan'."
        InvalidOperationException { InnerException: not null } i when i.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)
            => [i.Message + " Fix that setting (appsettings.json, an environment variable Section__Key, or --Section:Key=value)."],
        _ => [],
    };
}
