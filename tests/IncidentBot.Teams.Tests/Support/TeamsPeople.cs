namespace IncidentBot.Teams.Tests.Support;

/// <summary>Someone in Teams: the governance person id they map to (if any), and the ids Teams sends for them.</summary>
/// <param name="PersonId">The governance id (<c>alice</c>), or what the bot calls an unknown person (<c>teams:{aad}</c>).</param>
/// <param name="Name">Display name (<c>from.name</c>).</param>
/// <param name="AadObjectId">The Entra object id (<c>from.aadObjectId</c>): who they are in governance.</param>
/// <param name="UserId">The per-bot user id (<c>from.id</c>, <c>29:…</c>).</param>
internal sealed record TeamsPerson(string PersonId, string Name, string AadObjectId, string UserId);

/// <summary>
/// The people of appsettings.Development.json as Teams users (alice on-call; bob and carol approvers), and a stranger
/// whose object id is in no governance entry. <see cref="TeamsTestSettings"/> gives the three their teams identities.
/// </summary>
internal static class TeamsPeople
{
    public static readonly TeamsPerson Alice = new("alice", "Alice Oncall", "a11ce5e0-1f6b-4c3e-9d2a-7e8f90a1b2c3", "29:1aliceXJK8rL2bQ0mZ");

    public static readonly TeamsPerson Bob = new("bob", "Bob Approver", "b0b0b0b0-2a7c-4d4f-8e3b-8f9a01b2c3d4", "29:1bobQ7hN3vW9eT5yU");

    public static readonly TeamsPerson Carol = new("carol", "Carol Approver", "ca201000-3b8d-4e5a-9f4c-9a0b12c3d4e5", "29:1carolM4kP8sD2fG6");

    public static readonly TeamsPerson Stranger = new("teams:5a4e6e70-4c9e-4f6b-a05d-0b1c23d4e5f6", "Sam Stranger", "5a4e6e70-4c9e-4f6b-a05d-0b1c23d4e5f6", "29:1strangerZ9xC3vB7n");

    /// <summary>The three governance people, in appsettings.Development.json's order.</summary>
    public static IReadOnlyList<TeamsPerson> Configured { get; } = [Alice, Bob, Carol];
}
