using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Tests.Connector;

/// <summary>Keeps every log line of every category, at every level, with its exception, for assertions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Text)> lines = new();

    public IReadOnlyList<(int EventId, string Text)> Lines => lines.ToList();

    public string AllText => string.Join("\n", lines.Select(l => l.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too, in case a formatter leaves one out of the message.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.lines.Enqueue((eventId.Id, $"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {values} {exception}"));
        }
    }
}
