namespace IncidentBot.TestSupport.AdaptiveCards;

/// <summary>State of one <see cref="AdaptiveCardRules.Check"/> run: the problems found, the card's version and the
/// input ids seen so far.</summary>
internal sealed class CardWalk(List<string> problems, Version version)
{
    private readonly HashSet<string> _inputIds = new(StringComparer.Ordinal);

    public void Add(string path, string problem) => problems.Add($"{path}: {problem}");

    /// <summary>Notes a type or property used in a card whose version is below the one that brought it.</summary>
    public void RequireVersion(string path, string what, string since)
    {
        if (version < Version.Parse(since)) Add(path, $"{what} needs version {since}, the card says {version}");
    }

    /// <summary>Records an input id; a problem when it was used before (ids must be unique in a card).</summary>
    public void InputId(string path, string id)
    {
        if (!_inputIds.Add(id)) Add(path, $"input id '{id}' is used twice");
    }
}
