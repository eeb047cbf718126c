using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// Passes YamlDotNet's parser through, remembering where each still-open collection started. YamlDotNet 16.3 fails
/// on some unterminated flow collections (<c>layer: [prompt</c> followed by more lines) with a bare
/// InvalidOperationException and no position; the innermost open <c>[</c> or <c>{</c> is where to point the author.
/// </summary>
internal sealed class FlowTrackingParser(IParser inner) : IParser
{
    private readonly Stack<(bool Flow, Mark Start)> _open = new();

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the innermost unclosed flow collection starts, or null when none is open.</summary>
    public Mark? InnermostOpenFlow => _open.Where(c => c.Flow).Select(c => (Mark?)c.Start).FirstOrDefault();

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        switch (inner.Current)
        {
            case SequenceStart s:
                _open.Push((s.Style == SequenceStyle.Flow, s.Start));
                break;
            case MappingStart m:
                _open.Push((m.Style == MappingStyle.Flow, m.Start));
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }
        return moved;
    }
}
