namespace IncidentBot.Core.Runbooks;

/// <summary>The outcome of loading one runbook file: the runbook, or every problem found in it.</summary>
/// <param name="Runbook">The validated runbook; null whenever <paramref name="Problems"/> is not empty.</param>
/// <param name="Problems">Every problem found, in file order; empty on success.</param>
public sealed record RunbookLoadResult(Runbook? Runbook, IReadOnlyList<RunbookProblem> Problems)
{
    /// <summary>True when the runbook loaded with no problem.</summary>
    public bool Succeeded => Runbook is not null && Problems.Count == 0;

    /// <summary>Where the runbook's <c>id</c> value is, so a catalog can point at a duplicate id.</summary>
    internal (int Line, int Column) IdPosition { get; init; }
}
