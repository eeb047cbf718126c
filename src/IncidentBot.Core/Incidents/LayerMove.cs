namespace IncidentBot.Core.Incidents;

/// <summary>One layer a rollback moves back: from the live version to its last approved one.</summary>
public sealed record LayerMove(string Layer, string FromVersion, string ToVersion)
{
    /// <summary>As people read it: <c>retrieval idx-9 → idx-8</c>.</summary>
    public override string ToString() => $"{Layer} {FromVersion} → {ToVersion}";
}
