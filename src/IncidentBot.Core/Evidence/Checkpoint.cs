namespace IncidentBot.Core.Evidence;

/// <summary>The last event of one stream as a checkpoint records it.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Seq">Its last sequence number.</param>
/// <param name="Hash">The hash of that event.</param>
public sealed record StreamHead(string Stream, long Seq, string Hash);

/// <summary>Row counts a checkpoint fixes, so rows deleted or added beside the events show.</summary>
/// <param name="Deliveries">Rows of applied request ids.</param>
/// <param name="Incidents">Incident projection rows.</param>
/// <param name="IncidentCounter">The last allocated incident number.</param>
/// <param name="Runbooks">Stored (pinned) runbook texts.</param>
public sealed record CheckpointCounts(long Deliveries, long Incidents, long IncidentCounter, long Runbooks);

/// <summary>
/// A signed statement of what the store held after one commit (the model of Certificate Transparency's signed tree
/// heads). Contract: checkpoints form one chain (each names the hash of the one before, the first names
/// <see cref="EvidenceHasher.Genesis"/>); the first one written on a store (<paramref name="Full"/>) lists every
/// stream's head, every later one lists the heads its commit moved, so replaying the chain gives every stream's head
/// at every checkpoint and the last one commits to all of them. <paramref name="Hash"/> is
/// <see cref="CheckpointHasher.ComputeHash"/>; <paramref name="Signature"/> signs it with a key kept outside the
/// database (<see cref="EvidenceSigningKey"/>).
/// </summary>
/// <param name="Number">Position in the chain, from 1.</param>
/// <param name="CreatedUtc">When it was written (<see cref="EvidenceHasher.FormatTime"/> text).</param>
/// <param name="Full">True when <paramref name="Heads"/> lists every stream (the first checkpoint).</param>
/// <param name="Heads">Heads recorded, sorted by stream (ordinal).</param>
/// <param name="Counts">Row counts after the commit.</param>
/// <param name="PrevHash">Hash of the previous checkpoint.</param>
/// <param name="KeyId">Id of the signing key (<see cref="EvidencePublicKey.KeyId"/>).</param>
/// <param name="Hash">This checkpoint's hash: its seal.</param>
/// <param name="Signature">Base64 ECDSA P-256 signature over <paramref name="Hash"/>.</param>
public sealed record Checkpoint(
    long Number,
    string CreatedUtc,
    bool Full,
    IReadOnlyList<StreamHead> Heads,
    CheckpointCounts Counts,
    string PrevHash,
    string KeyId,
    string Hash,
    string Signature);
