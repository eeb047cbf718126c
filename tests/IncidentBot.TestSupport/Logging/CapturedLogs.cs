using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentBot.TestSupport.Logging;

/// <summary>
/// Keeps every log line of every category and level (message, then the exception with its inner exceptions and stack),
/// so a test can check what was logged and what never is. Add it with <see cref="AddTo"/>, which also lets every level
/// through to it whatever the configuration's filters say.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    /// <summary>Every line so far.</summary>
    public ConcurrentQueue<(string Category, EventId EventId, LogLevel Level, string Text)> Lines { get; } = new();

    /// <summary>All lines as one text, one line each: <c>Level Category: text</c>.</summary>
    public string AllText => string.Join('\n', Lines.Select(l => $"{l.Level} {l.Category}: {l.Text}"));

    /// <summary>Adds this provider to <paramref name="logging"/>, at <see cref="LogLevel.Trace"/> for every category.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddProvider(this);
        // A rule for this provider wins over every category rule of the configuration ("Microsoft.AspNetCore": Warning …).
        logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((category, eventId, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
