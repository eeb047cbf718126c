using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// Reads one YAML mapping with a fixed set of allowed keys, reporting every problem to a <see cref="YamlProblemLog"/>
/// at the node that causes it. Readers return null for a value they could not read, so callers skip the rules that
/// depend on it instead of piling a second, misleading problem on top of the first.
/// </summary>
internal sealed partial class YamlMap
{
    private readonly Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>> _entries = new(StringComparer.Ordinal);
    private readonly YamlProblemLog _log;

    private YamlMap(YamlMappingNode node, string what, YamlProblemLog log)
    {
        Node = node;
        What = what;
        _log = log;
    }

    /// <summary>The mapping itself; problems about missing keys point at its start.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>What this mapping is, for messages (e.g. <c>step 'move-back'</c>).</summary>
    public string What { get; set; }

    /// <summary>Opens <paramref name="node"/> as a mapping and reports keys outside <paramref name="keys"/>.</summary>
    public static YamlMap? Open(YamlNode node, string what, IReadOnlyList<string> keys, YamlProblemLog log)
    {
        if (node is not YamlMappingNode mapping)
        {
            log.Add(node, $"{what} must be a mapping of keys to values, not {Describe(node)}");
            return null;
        }
        var map = new YamlMap(mapping, what, log);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                log.Add(keyNode, $"keys of {what} must be plain text, not {Describe(keyNode)}");
                continue;
            }
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                var hint = Spelling.Suggest(key, keys) is { } s
                    ? $"did you mean '{s}'?"
                    : "expected one of: " + string.Join(", ", keys);
                log.Add(keyNode, $"unknown key '{key}' in {what}; {hint}");
                continue;
            }
            map._entries[key] = new(scalarKey, value);
        }
        return map;
    }

    /// <summary>True when the key is present (with any value).</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The value node of <paramref name="key"/>, or null when absent.</summary>
    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>The key node of <paramref name="key"/>, or null when absent.</summary>
    public YamlScalarNode? KeyNode(string key) => _entries.TryGetValue(key, out var e) ? e.Key : null;

    /// <summary>Reports a missing required key at the start of this mapping.</summary>
    public void Missing(string key) => _log.Add(Node, $"missing required key '{key}' in {What}");

    /// <summary>Reports <paramref name="message"/> at the key node when <paramref name="key"/> is present.</summary>
    public void Forbid(string key, string message)
    {
        if (KeyNode(key) is { } k) _log.Add(k, message);
    }

    /// <summary>Reports <paramref name="message"/> at <paramref name="node"/>.</summary>
    public void Report(YamlNode node, string message) => _log.Add(node, message);

    /// <summary>A text value. Null when absent, empty or not text (each reported when it matters).</summary>
    public string? Text(string key, bool required = false)
    {
        if (Scalar(key, required) is not { } s) return null;
        if (required && string.IsNullOrWhiteSpace(s.Value))
        {
            _log.Add(KeyNode(key)!, $"'{key}' must not be blank");
            return null;
        }
        return s.Value;
    }

    /// <summary>A required identifier made of a-z, 0-9 and '-'.</summary>
    public string? Id(string key = "id")
    {
        if (Text(key, required: true) is not { } id) return null;
        if (!IsId(id))
        {
            _log.Add(Value(key)!, $"'{key}' must use only a-z, 0-9 and '-'; got '{id}'");
            return null;
        }
        return id;
    }

    /// <summary>A text value that must be one of <paramref name="allowed"/> (exact, lower case).</summary>
    public string? Choice(string key, IReadOnlyList<string> allowed, bool required = true)
    {
        if (Text(key, required) is not { } value) return null;
        if (allowed.Contains(value, StringComparer.Ordinal)) return value;
        _log.Add(Value(key)!,
            $"'{key}' must be one of {string.Join(", ", allowed)}; got '{value}'{Spelling.Hint(value, allowed)}");
        return null;
    }

    internal static bool IsId(string text) =>
        text.Length > 0 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The scalar value of <paramref name="key"/>; null (reported) when it is a list or mapping,
    /// null (reported if required) when absent or written as nothing.</summary>
    private YamlScalarNode? Scalar(string key, bool required)
    {
        var value = Value(key);
        if (value is null)
        {
            if (required) Missing(key);
            return null;
        }
        if (value is not YamlScalarNode scalar)
        {
            _log.Add(value, $"'{key}' must be text, not {Describe(value)}");
            return null;
        }
        if (IsNothing(scalar))
        {
            if (required) _log.Add(KeyNode(key)!, $"'{key}' has no value");
            return null;
        }
        return scalar;
    }

    /// <summary>An unquoted empty value, <c>~</c> or <c>null</c>: YAML's way of writing nothing.</summary>
    internal static bool IsNothing(YamlScalarNode scalar) =>
        scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNothing(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
