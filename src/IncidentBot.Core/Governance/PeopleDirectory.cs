using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Governance;

/// <summary>Resolves a surface's user id to an <see cref="Actor"/> using <see cref="GovernanceOptions"/>.</summary>
public sealed class PeopleDirectory
{
    private readonly Dictionary<string, Actor> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Surface, string UserId), Actor> bySurface = [];
    private readonly HashSet<string> responderGroups;

    /// <summary>Builds the directory from options; people without an id, or with the bot's reserved id
    /// <c>system</c>, are ignored (validation reports them): nobody may act as the bot.</summary>
    public PeopleDirectory(GovernanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        responderGroups = new HashSet<string>(options.ResponderGroups, StringComparer.Ordinal);
        foreach (var p in options.People.Where(p => !string.IsNullOrWhiteSpace(p.Id) && !string.Equals(p.Id, Actor.System.Id, StringComparison.OrdinalIgnoreCase)))
        {
            var groups = new HashSet<string>(p.Groups, StringComparer.Ordinal);
            var actor = new Actor(p.Id, string.IsNullOrWhiteSpace(p.Name) ? p.Id : p.Name!, groups, "", true);
            byId[p.Id] = actor;
            foreach (var (surface, userId) in p.Identities)
                bySurface[(surface.ToLowerInvariant(), userId)] = actor;
        }
    }

    /// <summary>Everyone configured, in configuration order.</summary>
    public IReadOnlyList<Actor> People => byId.Values.ToList();

    /// <summary>The actor for <paramref name="userId"/> on <paramref name="surface"/>. Unknown users get an actor
    /// with id <c>surface:userid</c>, no groups and <see cref="Actor.IsKnown"/> false.</summary>
    public Actor Resolve(string surface, string userId)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(userId);
        if (bySurface.TryGetValue((surface.ToLowerInvariant(), userId), out var a) ||
            (surface == Surfaces.Console && byId.TryGetValue(userId, out a)))
            return a with { Surface = surface };
        return new Actor($"{surface}:{userId}", userId, new HashSet<string>(), surface, false);
    }

    /// <summary>The configured person with this id, or null.</summary>
    public Actor? Find(string personId) => byId.GetValueOrDefault(personId);

    /// <summary>True when the actor may drive incidents (declare, triage, contain, recover, review, close).</summary>
    public bool IsResponder(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor == Actor.System || actor.Id == Actor.System.Id) return true;
        return actor.IsKnown && (responderGroups.Count == 0 || actor.IsInAny(responderGroups));
    }
}
