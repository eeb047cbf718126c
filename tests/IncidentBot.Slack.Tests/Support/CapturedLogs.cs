using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Keeps every log line the host writes, so tests can check what was logged (and what never is).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId EventId, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

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
