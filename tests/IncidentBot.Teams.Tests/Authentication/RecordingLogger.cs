using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>Keeps every log line (level, event id, rendered text) for assertions.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
}
