using System.Text.RegularExpressions;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// The <c>{{settings.NAME}}</c> and <c>{{secret.NAME}}</c> placeholders a runbook uses, so the host (at start-up) and
/// <c>runbook lint</c> can name the ones the configuration (<c>Executors:Settings</c>, <c>Executors:Secrets</c>) lacks
/// before an incident needs them.
/// </summary>
public static partial class TemplateReferences
{
    /// <summary>Every distinct <c>settings.NAME</c> / <c>secret.NAME</c> in <paramref name="runbook"/>'s text, in order.</summary>
    public static IReadOnlyList<string> Of(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        return [.. Placeholder().Matches(runbook.SourceText).Select(m => m.Groups[1].Value + "." + m.Groups[2].Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>One line per placeholder of <paramref name="runbooks"/> that neither dictionary defines.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<Runbook> runbooks, IReadOnlyDictionary<string, string> settings,
        IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var lines = new List<string>();
        foreach (var runbook in runbooks)
        {
            foreach (var reference in Of(runbook))
            {
                var (kind, name) = (reference[..reference.IndexOf('.', StringComparison.Ordinal)], reference[(reference.IndexOf('.', StringComparison.Ordinal) + 1)..]);
                var (known, section) = kind == "secret" ? (secrets, "Secrets") : (settings, "Settings");
                if (!known.ContainsKey(name))
                    lines.Add($"{runbook.SourcePath}: runbook {runbook.Id} uses {{{{{reference}}}}} but Executors:{section}:{name} is not configured (set Executors__{section}__{name})");
            }
        }
        return lines;
    }

    [GeneratedRegex(@"\{\{\s*(settings|secret)\.([A-Za-z0-9_\-]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
