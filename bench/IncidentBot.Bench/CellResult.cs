namespace IncidentBot.Bench;

/// <summary>
/// One cell of the matrix: a server, a workload, the events each incident held before the load, a connection count,
/// and what came back: the load's figures, the server's own CPU per answered request (delivery that drained right
/// after the window included), its peak RSS during the window, and for the group-commit baseline rows per commit.
/// </summary>
internal sealed record CellResult(string Server, string Workload, int Events, int Connections, LoadResult Load, double CpuUsPerRequest,
    double PeakRssMb, double? RowsPerCommit, bool DeliveryCaughtUp);
