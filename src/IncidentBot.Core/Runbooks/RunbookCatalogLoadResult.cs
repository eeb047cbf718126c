namespace IncidentBot.Core.Runbooks;

/// <summary>The outcome of loading a directory of runbooks.</summary>
/// <param name="Catalog">The runbooks that loaded without problems (a file with any problem is left out, and so is
/// the second file claiming an id already taken).</param>
/// <param name="Problems">Every problem of every file, file by file in name order; empty on success.</param>
public sealed record RunbookCatalogLoadResult(RunbookCatalog Catalog, IReadOnlyList<RunbookProblem> Problems)
{
    /// <summary>True when every file loaded with no problem.</summary>
    public bool Succeeded => Problems.Count == 0;
}
