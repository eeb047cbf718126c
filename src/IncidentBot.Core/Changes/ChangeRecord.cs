namespace IncidentBot.Core.Changes;

/// <summary>One deployment of a version of one layer of one service: the unit of "what changed".</summary>
/// <param name="Service">Service name.</param>
/// <param name="Layer">Layer (see <see cref="Runbooks.Layers"/>).</param>
/// <param name="Version">The version now live on that layer.</param>
/// <param name="DeployedBy">Who deployed it (person, pipeline, or <c>incidentbot (INC-n)</c> for rollbacks).</param>
/// <param name="DeployedUtc">When it went live.</param>
/// <param name="Approved">Whether it had passed its approval (only approved versions are rollback targets).</param>
/// <param name="Note">Free text: ticket, reason, the incident that rolled it back.</param>
/// <param name="Seq">Position in the change stream (evidence), 0 before it is stored.</param>
public sealed record ChangeRecord(
    string Service,
    string Layer,
    string Version,
    string DeployedBy,
    DateTimeOffset DeployedUtc,
    bool Approved,
    string Note,
    long Seq = 0);
