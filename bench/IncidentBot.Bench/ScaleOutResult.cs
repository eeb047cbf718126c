namespace IncidentBot.Bench;

/// <summary>
/// One configuration of the scale-out section: the store, how many bot nodes shared the load, and what came back:
/// the load's figures, the nodes' own CPU per answered command (summed over the nodes, the delivery that drained right
/// after the window included), PostgreSQL's CPU per command when the run owns the server (else null), and what its
/// busy sessions waited for most during the window (PostgreSQL only).
/// </summary>
internal sealed record ScaleOutResult(string Provider, int Nodes, int Connections, LoadResult Load, double BotCpuUsPerCommand,
    double? DatabaseCpuUsPerCommand, bool DeliveryCaughtUp, string? TopWait = null);
