using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>The <c>verb</c> tag of a command line the parser did not understand.</summary>
    public const string UnparsedVerb = "unparsed";

    /// <summary>Runs one command, counting it by surface, verb and outcome (<c>error</c> when it throws) and timing it.</summary>
    private async Task<CommandResult> MeasuredAsync(string surface, string verb, Func<Task<CommandResult>> handle)
    {
        if (metrics is null) return await handle().ConfigureAwait(false);
        var started = time.GetTimestamp();
        CommandOutcome? outcome = null;
        try
        {
            var result = await handle().ConfigureAwait(false);
            outcome = result.Outcome;
            return result;
        }
        finally
        {
            metrics.CommandHandled(surface, verb, outcome, time.GetElapsedTime(started));
        }
    }

    /// <summary>Appends to the store, timing the commit (a failed one included: a store that fails slowly is slow).</summary>
    private async Task<AppendOutcome> CommitAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (metrics is null) return await store.AppendAsync(request, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        try
        {
            return await store.AppendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.Committed(time.GetElapsedTime(started));
        }
    }
}
