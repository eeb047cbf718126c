namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests each run a whole bot (in this process or as a child process) with its stand-ins. On the two
/// shared cores of a developer's or CI's machine, several at once starve each other's timing-bounded waits; one at a
/// time they stay fast, while the unit tests of this project still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TeamsEndToEndCollection
{
    public const string Name = "Teams end to end";
}
