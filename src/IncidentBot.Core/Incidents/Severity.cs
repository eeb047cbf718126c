namespace IncidentBot.Core.Incidents;

/// <summary>Incident severity; <see cref="Sev1"/> is the most severe.</summary>
public enum Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}

/// <summary>Parsing and printing of <see cref="Severity"/> as people write it (<c>sev1</c>..<c>sev4</c>).</summary>
public static class SeverityText
{
    /// <summary>Parses <c>sev1</c>..<c>sev4</c> (any case, <c>1</c>..<c>4</c> and <c>SEV-1</c> accepted).</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
        if (t.StartsWith("sev", StringComparison.Ordinal)) t = t[3..];
        if (t.Length == 1 && t[0] is >= '1' and <= '4')
        {
            severity = (Severity)(t[0] - '0');
            return true;
        }
        return false;
    }

    /// <summary>The lower-case form used in commands, runbooks and exports: <c>sev2</c>.</summary>
    public static string ToText(this Severity severity) => "sev" + (int)severity;
}
