using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

internal sealed partial class YamlMap
{
    /// <summary>A whole number in [min, max]; <paramref name="default"/> when absent; null (reported) when invalid.</summary>
    public int? Int(string key, int @default, int min, int max)
    {
        if (!Has(key)) return @default;
        if (Present(key) is not { } s) return null;
        if (!int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _log.Add(s, $"'{key}' must be a whole number; got '{s.Value}'");
            return null;
        }
        if (value < min || value > max)
        {
            var range = max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
            _log.Add(s, $"'{key}' must be {range}; got {value}");
            return null;
        }
        return value;
    }

    /// <summary><paramref name="word"/> (exact, lower case) or a whole number in [min, max]. Absent: (<paramref name="default"/>, false);
    /// the word: (null, true); null (reported) when invalid.</summary>
    public (int? Number, bool IsWord)? IntOrWord(string key, string word, int @default, int min, int max)
    {
        if (!Has(key)) return (@default, false);
        if (Present(key) is not { } s) return null;
        if (string.Equals(s.Value, word, StringComparison.Ordinal)) return (null, true);
        if (!int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _log.Add(s, $"'{key}' must be {word} or a whole number; got '{s.Value}'{Spelling.Hint(s.Value ?? "", [word])}");
            return null;
        }
        if (value < min || value > max)
        {
            _log.Add(s, $"'{key}' must be {word} or between {min} and {max}; got {value}");
            return null;
        }
        return (value, false);
    }

    /// <summary><c>true</c> or <c>false</c>; <paramref name="default"/> when absent; null (reported) when invalid.</summary>
    public bool? Bool(string key, bool @default)
    {
        if (!Has(key)) return @default;
        if (Present(key) is not { } s) return null;
        if (string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase)) return false;
        _log.Add(s, $"'{key}' must be true or false; got '{s.Value}'");
        return null;
    }

    /// <summary>A required finite decimal number; null (reported) when absent or invalid.</summary>
    public double? Number(string key)
    {
        if (!Has(key))
        {
            Missing(key);
            return null;
        }
        if (Present(key) is not { } s) return null;
        if (!double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            _log.Add(s, $"'{key}' must be a number; got '{s.Value}'");
            return null;
        }
        return value;
    }

    /// <summary>The scalar of a key that is present; a list, a mapping or nothing is reported.</summary>
    private YamlScalarNode? Present(string key)
    {
        var value = Value(key)!;
        if (value is not YamlScalarNode scalar)
        {
            _log.Add(value, $"'{key}' must be a single value, not {Describe(value)}");
            return null;
        }
        if (IsNothing(scalar))
        {
            _log.Add(KeyNode(key)!, $"'{key}' has no value; remove the key to use the default");
            return null;
        }
        return scalar;
    }
}
