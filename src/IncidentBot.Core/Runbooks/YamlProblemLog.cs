using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

/// <summary>Collects the problems of one file; positions come from YamlDotNet's 1-based marks.</summary>
internal sealed class YamlProblemLog(string file)
{
    private readonly List<RunbookProblem> _problems = [];

    public string File { get; } = file;

    public int Count => _problems.Count;

    public void Add(Mark mark, string message) =>
        _problems.Add(new RunbookProblem(File, checked((int)mark.Line), checked((int)mark.Column), message));

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    public void AddForFile(string message) => _problems.Add(new RunbookProblem(File, 0, 0, message));

    /// <summary>Problems in file order (cross-field rules are found after the nodes they point at).</summary>
    public IReadOnlyList<RunbookProblem> Sorted() =>
        [.. _problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];
}
