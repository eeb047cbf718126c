using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Verification;

/// <summary>
/// Runs one poll of one kind of automatic verification check (<see cref="Kind"/> matches
/// <see cref="VerificationCheck.Kind"/>: <c>http</c>, <c>prometheus</c>). Contract: never throws for an expected
/// failure; a check that cannot decide (unreachable, timed out, no data, not a number) answers
/// <see cref="CheckStatus.Inconclusive"/> rather than guessing; <see cref="CheckOutcome.Detail"/> has no secrets.
/// </summary>
public interface ICheck
{
    /// <summary>The check kind this runs.</summary>
    string Kind { get; }

    /// <summary>Polls the check once.</summary>
    Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken);
}

/// <summary>What a check may look at.</summary>
public sealed record CheckContext(Incident Incident, VerificationCheck Check, IReadOnlyDictionary<string, string> Values);

/// <summary>The answer of one poll.</summary>
public enum CheckStatus
{
    /// <summary>The condition holds.</summary>
    Pass,
    /// <summary>The condition does not hold.</summary>
    Fail,
    /// <summary>The check could not decide.</summary>
    Inconclusive,
}

/// <summary>One poll's result: status and a one-line detail for the evidence (e.g. <c>error_rate = 0.012 &lt; 0.05</c>).</summary>
public sealed record CheckOutcome(CheckStatus Status, string Detail);
