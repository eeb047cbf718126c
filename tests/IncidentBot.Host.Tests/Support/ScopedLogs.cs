using System.Globalization;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// Keeps every log line with the key/value pairs of the scopes it was written in (read through the logger factory's
/// <see cref="IExternalScopeProvider"/>, as the console formatters read them), so a test can check which incident a line
/// belongs to. Add it with <see cref="AddTo"/>; wait for a line with <see cref="WaitForAsync"/>.
/// </summary>
internal sealed class ScopedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly Lock gate = new();
    private readonly List<ScopedLogEntry> entries = [];
    private readonly List<(Func<ScopedLogEntry, bool> Match, TaskCompletionSource<ScopedLogEntry> Found)> waiters = [];
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<ScopedLogEntry> Entries
    {
        get
        {
            lock (gate) return entries.ToList();
        }
    }

    /// <summary>Adds this provider to <paramref name="logging"/>, at <see cref="LogLevel.Trace"/> for every category.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        logging.AddProvider(this);
        logging.AddFilter<ScopedLogs>(null, LogLevel.Trace);
    }

    /// <summary>The first line (already written or to come) that <paramref name="match"/> accepts; fails after <paramref name="within"/>.</summary>
    public async Task<ScopedLogEntry> WaitForAsync(Func<ScopedLogEntry, bool> match, TimeSpan within, string what)
    {
        var found = new TaskCompletionSource<ScopedLogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var written = entries.FirstOrDefault(match);
            if (written is not null) return written;
            waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no log line {what} within {within.TotalSeconds:0} s; lines:\n" + string.Join('\n', Entries.Select(e => $"{e.Category}[{e.EventId.Id}] {e.Message}")));
            throw;
        }
    }

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(ScopedLogEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (!waiters[i].Match(entry)) continue;
                waiters[i].Found.TrySetResult(entry);
                waiters.RemoveAt(i);
            }
        }
    }

    private sealed class Logger(ScopedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var pairs = new List<KeyValuePair<string, string?>>();
            owner.scopes.ForEachScope(static (scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    list.AddRange(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value is null ? null : Convert.ToString(v.Value, CultureInfo.InvariantCulture))));
            }, pairs);
            owner.Add(new ScopedLogEntry(category, eventId, logLevel, formatter(state, exception), pairs));
        }
    }
}
