using IncidentBot.Core.Execution;
using IncidentBot.Core.Verification;

namespace IncidentBot.Core.Tests.Support;

/// <summary>An executor whose outcomes the test scripts, counting calls (the HTTP one is tested over real HTTP elsewhere).</summary>
internal sealed class ScriptedExecutor(string kind, params bool[] outcomes) : IExecutor
{
    public int Calls { get; private set; }

    public string Kind => kind;

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var ok = outcomes.Length == 0 || outcomes[Math.Min(Calls, outcomes.Length - 1)];
        Calls++;
        return Task.FromResult(new StepOutcome(ok, $"{kind} call {Calls}: {(ok ? "200" : "500")}"));
    }
}

/// <summary>A check whose answers the test scripts, one per poll (the last repeats).</summary>
internal sealed class ScriptedCheck(string kind, params CheckStatus[] answers) : ICheck
{
    public int Polls { get; private set; }

    public string Kind => kind;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var status = answers[Math.Min(Polls, answers.Length - 1)];
        Polls++;
        return Task.FromResult(new CheckOutcome(status, $"poll {Polls}: {status}"));
    }
}
