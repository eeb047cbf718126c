namespace IncidentBot.Bench;

/// <summary>
/// What the scale-out section measured: its configurations in order (SQLite, PostgreSQL on one node, on two), the
/// PostgreSQL server they ran on, or why there was none (then only the SQLite row is there).
/// </summary>
internal sealed record ScaleOutSection(IReadOnlyList<ScaleOutResult> Results, string? Postgres, string? PostgresProblem)
{
    public ScaleOutResult? Find(string provider, int nodes) => Results.FirstOrDefault(r => r.Provider == provider && r.Nodes == nodes);

    /// <summary>Every configuration measured, none with an error.</summary>
    public bool Complete => PostgresProblem is null && Results.Count == 3 && Results.All(r => r.Load.Errors == 0 && r.Load.Requests > 0);
}
