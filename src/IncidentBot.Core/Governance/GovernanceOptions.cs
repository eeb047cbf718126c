using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Core.Governance;

/// <summary>
/// Who is who: people, the groups they belong to, and their user ids on each surface. Section <c>Governance</c>.
/// Approval policy itself (how many approvals from which groups) lives in the runbooks.
/// </summary>
public sealed class GovernanceOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Governance";

    /// <summary>The people who may act on incidents. Default: none (then nobody may declare; read-only verbs still work).</summary>
    public List<PersonOptions> People { get; set; } = [];

    /// <summary>
    /// Groups whose members may declare, triage, choose containments, confirm recovery, review and close.
    /// Empty (the default) means every configured person may. Approving is decided by each option's approver groups.
    /// </summary>
    public List<string> ResponderGroups { get; set; } = [];
}

/// <summary>One person.</summary>
public sealed class PersonOptions
{
    /// <summary>Stable id used in evidence (e.g. <c>alice</c>). Required.</summary>
    [Required]
    public string Id { get; set; } = "";

    /// <summary>Display name (default: the id).</summary>
    public string? Name { get; set; }

    /// <summary>Groups (approver groups, on-call rotations). Default: none.</summary>
    public List<string> Groups { get; set; } = [];

    /// <summary>User id per surface, e.g. <c>{"slack": "U024BE7LH", "teams": "29:1abc"}</c>. On the console the person id itself is used.</summary>
    public Dictionary<string, string> Identities { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
