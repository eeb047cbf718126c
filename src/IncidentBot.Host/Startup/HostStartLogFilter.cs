namespace IncidentBot.Host.Startup;

/// <summary>
/// Keeps the generic host's "Hosting failed to start" error (with its stack trace) off the console while the bot
/// starts: <see cref="ListenCheck"/> reports the same failure as one line on standard error. Once started, the host's
/// errors (a background service that failed) are logged as usual.
/// </summary>
internal sealed class HostStartLogFilter
{
    /// <summary>The generic host's log category.</summary>
    public const string Category = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool starting = true;

    /// <summary>Adds the filter to <paramref name="builder"/> and registers this instance.</summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var filter = new HostStartLogFilter();
        builder.Services.AddSingleton(filter);
        builder.Logging.AddFilter(Category, level => level >= LogLevel.Information && !(filter.starting && level >= LogLevel.Error));
    }

    /// <summary>The host has started; its errors are logged again.</summary>
    public void Started() => starting = false;
}
