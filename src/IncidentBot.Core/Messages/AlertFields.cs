using System.Globalization;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Messages;

/// <summary>
/// The alert behind an incident, as triage-card fields: when it started, where to see it, the labels people look at
/// first and the <c>summary</c> and <c>description</c> annotations. Shown until a containment is chosen; the alert
/// stays in the evidence and the exports after that.
/// </summary>
public static class AlertFields
{
    /// <summary>Labels shown, in this order, when present.</summary>
    public static readonly IReadOnlyList<string> KeyLabels = ["alertname", "service", "job", "severity", "instance", "namespace", "cluster"];

    /// <summary>The fields for <paramref name="incident"/>'s first signal; none when it has none or is past triage.</summary>
    public static IReadOnlyList<CardField> For(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.FirstSignal is not { } s || incident.State is not (IncidentState.Triage or IncidentState.ContainmentChoice)) return [];
        var fields = new List<CardField>();
        if (s.StartsAt is { } at) fields.Add(new("Alert started", at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"));
        if (s.Link is { } link) fields.Add(new("Alert link", link));
        var labels = KeyLabels.Where(s.Labels.ContainsKey).Select(k => $"{k}={s.Labels[k]}").ToList();
        if (labels.Count > 0) fields.Add(new("Alert labels", string.Join(", ", labels)));
        foreach (var name in new[] { "summary", "description" })
            if (s.Annotations?.GetValueOrDefault(name) is { Length: > 0 } text) fields.Add(new("Alert " + name, text));
        return fields;
    }
}
