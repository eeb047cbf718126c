using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

internal sealed partial class YamlMap
{
    /// <summary>A list of text items. Absent or written as nothing: empty (reported when required or
    /// <paramref name="nonEmpty"/>). Null when anything in it is wrong.</summary>
    public IReadOnlyList<string>? TextList(string key, bool required = false, bool nonEmpty = false)
    {
        if (Items(key, required, nonEmpty) is not { } items) return null;
        var result = new List<string>(items.Count);
        var ok = true;
        foreach (var item in items)
        {
            if (item is YamlScalarNode s && !IsNothing(s) && !string.IsNullOrWhiteSpace(s.Value))
            {
                result.Add(s.Value!);
                continue;
            }
            _log.Add(item, $"items of '{key}' must be text, not {Describe(item)}");
            ok = false;
        }
        return ok ? result : null;
    }

    /// <summary>The items of a list. Absent or written as nothing: empty (reported when required or
    /// <paramref name="nonEmpty"/>). Null when the value is not a list.</summary>
    public IReadOnlyList<YamlNode>? Items(string key, bool required = false, bool nonEmpty = false)
    {
        var value = Value(key);
        if (value is null)
        {
            if (!required && !nonEmpty) return [];
            Missing(key);
            return null;
        }
        if (value is YamlScalarNode s && IsNothing(s))
        {
            if (!nonEmpty) return [];
            _log.Add(KeyNode(key)!, $"'{key}' must list at least one item");
            return null;
        }
        if (value is not YamlSequenceNode sequence)
        {
            _log.Add(value, $"'{key}' must be a list, not {Describe(value)}");
            return null;
        }
        if (nonEmpty && sequence.Children.Count == 0)
        {
            _log.Add(sequence, $"'{key}' must list at least one item");
            return null;
        }
        return [.. sequence.Children];
    }

    /// <summary>A mapping of text to text; empty when absent; null when anything in it is wrong.</summary>
    public IReadOnlyDictionary<string, string>? TextMap(string key)
    {
        var value = Value(key);
        if (value is null || value is YamlScalarNode n && IsNothing(n)) return new Dictionary<string, string>();
        if (value is not YamlMappingNode mapping)
        {
            _log.Add(value, $"'{key}' must be a mapping of names to values, not {Describe(value)}");
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode { Value: { Length: > 0 } name } || IsNothing((YamlScalarNode)k))
            {
                _log.Add(k, $"names in '{key}' must be text, not {Describe(k)}");
                ok = false;
            }
            else if (v is not YamlScalarNode s || IsNothing(s))
            {
                _log.Add(v, $"'{key}.{name}' must be text, not {Describe(v)}");
                ok = false;
            }
            else
            {
                result[name] = s.Value ?? "";
            }
        }
        return ok ? result : null;
    }

    /// <summary>A nested mapping with its own allowed keys; null when absent (reported if required) or invalid.</summary>
    public YamlMap? Map(string key, string what, IReadOnlyList<string> keys, bool required = false)
    {
        var value = Value(key);
        if (value is null)
        {
            if (required) Missing(key);
            return null;
        }
        return Open(value, what, keys, _log);
    }
}
