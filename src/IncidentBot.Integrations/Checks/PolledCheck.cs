using IncidentBot.Core.Execution;
using IncidentBot.Core.Verification;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Checks;

/// <summary>
/// What every check does around its own poll: redact every form of every secret from the detail (it becomes evidence;
/// <see cref="SecretRedactor"/>), pass an unexpected exception on as a <see cref="RedactedException"/>, and log the status.
/// </summary>
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
        var redactor = SecretRedactor.For(context.Values);
        CheckOutcome outcome;
        try
        {
            outcome = await PollAsync(context, redactor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new RedactedException($"{Kind} check {context.Check.Id}", e, redactor);
        }
        outcome = outcome with { Detail = redactor.Redact(outcome.Detail) };
        CheckLog.Polled(logger, Kind, context.Check.Id, outcome.Status);
        return outcome;
    }

    /// <summary>
    /// One poll; its detail is redacted afterwards. A poll that shortens a value must redact it first (with
    /// <paramref name="redactor"/>): a secret cut in half is no longer recognisable.
    /// </summary>
    private protected abstract Task<CheckOutcome> PollAsync(CheckContext context, SecretRedactor redactor, CancellationToken cancellationToken);
}
