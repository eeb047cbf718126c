namespace IncidentBot.Core.Governance;

/// <summary>Who sent a command, resolved by <see cref="PeopleDirectory"/> from a surface's user id.</summary>
/// <param name="Id">Person id from configuration (e.g. <c>alice</c>), or <c>surface:userid</c> for someone unknown, or <c>system</c>.</param>
/// <param name="DisplayName">Name to show.</param>
/// <param name="Groups">Approver groups and teams the person belongs to.</param>
/// <param name="Surface">Where the command came from.</param>
/// <param name="IsKnown">True when the person is in the <c>Governance:People</c> configuration.</param>
public sealed record Actor(string Id, string DisplayName, IReadOnlySet<string> Groups, string Surface, bool IsKnown)
{
    /// <summary>The bot itself (executors, verification, timers).</summary>
    public static readonly Actor System = new("system", "IncidentBot", new HashSet<string>(), Evidence.Surfaces.System, true);

    /// <summary>True when the person is in any of <paramref name="groups"/>.</summary>
    public bool IsInAny(IEnumerable<string> groups) => groups.Any(Groups.Contains);
}
