namespace IncidentBot.Core.Execution;

/// <summary>
/// The <c>manual</c> step: people carry it out. The bot records that the instructions were handed over; whether it
/// worked is decided by verification (a person confirming recovery, or automatic checks).
/// </summary>
public sealed class ManualExecutor : IExecutor
{
    /// <inheritdoc />
    public string Kind => "manual";

    /// <inheritdoc />
    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(new StepOutcome(true, $"Handed to people: {context.Step.Instructions ?? context.Step.Title}"));
    }
}
