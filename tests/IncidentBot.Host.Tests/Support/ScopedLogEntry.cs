using Microsoft.Extensions.Logging;

namespace IncidentBot.Host.Tests.Support;

/// <summary>One log line as <see cref="ScopedLogs"/> kept it: the scopes' key/value pairs as they were when it was
/// written (outermost first), since a scope's state may change later.</summary>
internal sealed record ScopedLogEntry(string Category, EventId EventId, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string?>> Scopes)
{
    /// <summary>The value of <paramref name="key"/> in the innermost scope that has it, or null.</summary>
    public string? Scope(string key)
    {
        for (var i = Scopes.Count - 1; i >= 0; i--)
            if (Scopes[i].Key == key) return Scopes[i].Value;
        return null;
    }
}
