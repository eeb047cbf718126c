using System.Text;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Execution;

/// <summary>
/// The values a step or check template may use, as <c>{{name}}</c>: <c>incident.id</c>, <c>incident.severity</c>,
/// <c>service</c>, <c>layer</c>, <c>from_version</c>, <c>to_version</c>, <c>option.id</c>, <c>attempt</c>,
/// <c>actor</c> (who approved or executed), <c>settings.NAME</c> (from <c>Executors:Settings</c>) and
/// <c>secret.NAME</c> (from <c>Executors:Secrets</c>; never written to evidence: <see cref="Redact"/>).
/// </summary>
public static class TemplateValues
{
    /// <summary>The values for a containment attempt.</summary>
    public static Dictionary<string, string> For(Incident incident, Containment? containment,
        IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["incident.id"] = incident.Id,
            ["incident.severity"] = incident.Severity?.ToText() ?? "",
            ["service"] = incident.Service,
            ["layer"] = containment?.Layer ?? "",
            ["from_version"] = containment?.FromVersion ?? "",
            ["to_version"] = containment?.ToVersion ?? "",
            ["option.id"] = containment?.OptionId ?? "",
            ["attempt"] = containment?.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["actor"] = containment is null ? "" : containment.Approvers.LastOrDefault() ?? containment.ChosenBy,
        };
        foreach (var (k, v) in settings) values["settings." + k] = v;
        foreach (var (k, v) in secrets) values["secret." + k] = v;
        return values;
    }

    /// <summary>Fills <c>{{name}}</c> placeholders; an unknown name is an error (returned, not thrown).</summary>
    public static (string Text, string? Error) Render(string template, IReadOnlyDictionary<string, string> values, Func<string, string>? encode = null) =>
        Render(template, values, encode, verbatim: null);

    /// <summary>
    /// Fills a URL template: values are URI-escaped, except <c>settings.NAME</c>, which the operator configured and
    /// which usually hold a base URL (<c>{{settings.deploy_url}}/deploy</c>); escaping those would break the URL.
    /// </summary>
    public static (string Text, string? Error) RenderUrl(string template, IReadOnlyDictionary<string, string> values) =>
        Render(template, values, Uri.EscapeDataString, name => name.StartsWith("settings.", StringComparison.Ordinal));

    private static (string Text, string? Error) Render(string template, IReadOnlyDictionary<string, string> values,
        Func<string, string>? encode, Func<string, bool>? verbatim)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) { sb.Append(template, i, template.Length - i); break; }
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) return ("", $"unclosed '{{{{' at {open}");
            sb.Append(template, i, open - i);
            var name = template[(open + 2)..close].Trim();
            if (!values.TryGetValue(name, out var value)) return ("", $"unknown template value '{name}'");
            sb.Append(encode is null || verbatim?.Invoke(name) == true ? value : encode(value));
            i = close + 2;
        }
        return (sb.ToString(), null);
    }

    /// <summary>Replaces every secret value in <paramref name="text"/> with <c>***</c>, so summaries can be evidence.</summary>
    public static string Redact(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, secret) in values)
            if (name.StartsWith("secret.", StringComparison.Ordinal) && secret.Length >= 4)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
