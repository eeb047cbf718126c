using IncidentBot.Core.Signals;

namespace IncidentBot.Host.Signals;

/// <summary>A parsed signal, or the one sentence that says what is wrong with the payload.</summary>
internal sealed record SignalParseResult(Signal? Signal, string? Error)
{
    public static SignalParseResult Ok(Signal signal) => new(signal, null);

    public static SignalParseResult Invalid(string error) => new(null, error);
}
