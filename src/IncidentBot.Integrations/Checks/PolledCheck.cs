using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Checks;

/// <summary>What every check does around its own poll: redact the detail (it becomes evidence) and log the status.</summary>
public abstract class PolledCheck : ICheck
{
    private readonly ILogger logger;

    private protected PolledCheck(CheckHttp http, ILogger logger) => (Http, this.logger) = (http, logger);

    /// <inheritdoc />
    public abstract string Kind { get; }

    private protected CheckHttp Http { get; }

    /// <inheritdoc />
    public async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await PollAsync(context, cancellationToken).ConfigureAwait(false);
        outcome = outcome with { Detail = EvidenceText.Redact(outcome.Detail, context.Values) };
        CheckLog.Polled(logger, Kind, context.Check.Id, outcome.Status);
        return outcome;
    }

    /// <summary>One poll, without redaction.</summary>
    private protected abstract Task<CheckOutcome> PollAsync(CheckContext context, CancellationToken cancellationToken);
}
