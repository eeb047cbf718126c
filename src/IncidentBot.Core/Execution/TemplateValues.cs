using System.Text;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Execution;

/// <summary>
/// The values a step or check template may use, as <c>{{name}}</c>: <c>incident.id</c>, <c>incident.severity</c>,
/// <c>service</c>, <c>layer</c>, <c>from_version</c>, <c>to_version</c>, <c>option.id</c>, <c>attempt</c>,
/// <c>moves_with.LAYER.from_version</c> and <c>moves_with.LAYER.to_version</c> (each layer a rollback moves along
/// with its own, <see cref="Containment.Coupled"/>), <c>actor</c> (who approved or executed), <c>control.enabled</c> (<c>true</c>, or <c>false</c> when lifting), <c>settings.NAME</c> (from <c>Executors:Settings</c>) and
/// <c>secret.NAME</c> (from <c>Executors:Secrets</c>; never written to evidence: descriptions keep the placeholder,
/// <see cref="Describe"/>, and <see cref="Redact"/> hides every rendered form).
/// </summary>
public static class TemplateValues
{
    /// <summary>The prefix of secret values: <c>secret.</c>.</summary>
    public const string SecretPrefix = "secret.";

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
            // Controls and pauses: the same steps apply ("true") or lift ("false") them.
            ["control.enabled"] = containment?.Lifts == true ? "false" : "true",
        };
        foreach (var move in containment?.Coupled ?? [])
        {
            values[$"moves_with.{move.Layer}.from_version"] = move.FromVersion;
            values[$"moves_with.{move.Layer}.to_version"] = move.ToVersion;
        }
        foreach (var (k, v) in settings) values["settings." + k] = v;
        foreach (var (k, v) in secrets) values[SecretPrefix + k] = v;
        return values;
    }

    /// <summary>Fills <c>{{name}}</c> placeholders; an unknown name is an error (returned, not thrown).</summary>
    public static (string Text, string? Error) Render(string template, IReadOnlyDictionary<string, string> values, Func<string, string>? encode = null) =>
        Render(template, values, encode, keepSecrets: false);

    /// <summary>
    /// What <see cref="Render"/> sends, for a person to read: every value filled in the same way except secrets, which
    /// stay as written (<c>{{secret.deploy_token}}</c>). Evidence records this, never the rendered text.
    /// </summary>
    public static string Describe(string template, IReadOnlyDictionary<string, string> values, Func<string, string>? encode = null)
    {
        var (text, error) = Render(template, values, encode, keepSecrets: true);
        return error is null ? text : template;
    }

    /// <summary><see cref="Describe"/> for a URL template (filled as <see cref="RenderUrl"/> fills it).</summary>
    public static string DescribeUrl(string template, IReadOnlyDictionary<string, string> values)
    {
        var (text, error) = RenderUrl(template, values, keepSecrets: true);
        return error is null ? text : template;
    }

    private static (string Text, string? Error) Render(string template, IReadOnlyDictionary<string, string> values, Func<string, string>? encode, bool keepSecrets)
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
            if (keepSecrets && name.StartsWith(SecretPrefix, StringComparison.Ordinal)) sb.Append("{{").Append(name).Append("}}");
            else sb.Append(encode is null ? value : encode(value));
            i = close + 2;
        }
        return (sb.ToString(), null);
    }

    /// <summary>
    /// Fills a URL template: every value is URI-escaped as data, except a leading <c>{{settings.NAME}}</c>, which is
    /// the operator's configured base URL (<c>{{settings.deploy_api}}/rollback</c>) and is inserted as written.
    /// </summary>
    public static (string Text, string? Error) RenderUrl(string template, IReadOnlyDictionary<string, string> values) =>
        RenderUrl(template, values, keepSecrets: false);

    private static (string Text, string? Error) RenderUrl(string template, IReadOnlyDictionary<string, string> values, bool keepSecrets)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var close = template.StartsWith("{{", StringComparison.Ordinal) ? template.IndexOf("}}", 2, StringComparison.Ordinal) : -1;
        if (close < 0 || !template[2..close].Trim().StartsWith("settings.", StringComparison.Ordinal))
            return Render(template, values, Uri.EscapeDataString, keepSecrets);
        var (head, error) = Render(template[..(close + 2)], values, null, keepSecrets);
        if (error is not null) return ("", error);
        var (tail, tailError) = Render(template[(close + 2)..], values, Uri.EscapeDataString, keepSecrets);
        return tailError is null ? (head + tail, null) : ("", tailError);
    }

    /// <summary>
    /// Replaces every secret value in <paramref name="text"/>, in every form it may take (see <see cref="SecretRedactor"/>),
    /// with <c>***</c>, so summaries can be evidence.
    /// </summary>
    public static string Redact(string text, IReadOnlyDictionary<string, string> values) => SecretRedactor.For(values).Redact(text);
}
