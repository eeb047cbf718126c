using IncidentBot.Core.Signals;
using IncidentBot.Core.Text;

namespace IncidentBot.Host.Signals;

/// <summary>
/// Turns an Alertmanager webhook payload (version 4) into ONE <see cref="Signal"/> for the whole group: the group
/// key is what makes a repeat notification attach to the same incident.
/// </summary>
internal static class AlertmanagerParser
{
    /// <summary>The <see cref="Signal.Source"/> of every Alertmanager signal.</summary>
    public const string Source = "alertmanager";

    /// <summary>The only payload version understood.</summary>
    public const string SupportedVersion = "4";

    public static SignalParseResult Parse(AlertmanagerPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Version is null) return SignalParseResult.Invalid($"version is missing: only Alertmanager webhook payload version \"{SupportedVersion}\" is accepted.");
        if (payload.Version != SupportedVersion)
            return SignalParseResult.Invalid($"version \"{payload.Version}\" is not supported: only Alertmanager webhook payload version \"{SupportedVersion}\" is accepted.");
        var groupKey = UntrustedText.Clean(payload.GroupKey);
        if (groupKey.Length == 0) return SignalParseResult.Invalid("groupKey is missing or empty: it identifies the alert group.");
        if (SignalStatus.Problem("status", payload.Status) is { } statusProblem) return SignalParseResult.Invalid(statusProblem);
        if (payload.Alerts is null) return SignalParseResult.Invalid("alerts is missing: a notification carries at least one alert.");
        if (payload.Alerts.Count == 0) return SignalParseResult.Invalid("alerts is empty: a notification carries at least one alert.");
        for (var i = 0; i < payload.Alerts.Count; i++)
            if (payload.Alerts[i] is null) return SignalParseResult.Invalid($"alerts[{i}] must be an object, not null.");
        if ((SignalLabels.Problem("commonLabels", payload.CommonLabels) ?? SignalLabels.Problem("groupLabels", payload.GroupLabels)) is { } labelProblem)
            return SignalParseResult.Invalid(labelProblem);

        var labels = SignalLabels.Merge(payload.CommonLabels, payload.GroupLabels);
        var alertName = labels.GetValueOrDefault("alertname") is { Length: > 0 } n ? n : "Alertmanager alert";
        // Alert text is typed by whoever writes alert rules, or forwarded from the alerting system: clean it like a command.
        var summary = UntrustedText.Clean(payload.CommonAnnotations?.GetValueOrDefault("summary"), SignalLabels.MaxTitleLength);
        var title = SignalLabels.Shorten(summary.Length == 0 ? alertName : $"{alertName}: {summary}");
        var startsAt = payload.Alerts.Select(a => a!.StartsAt).Where(s => s is { } t && t != default).Min();
        // The earliest alert's link (its rule's graph), else the Alertmanager's own page; only absolute http(s) URLs.
        var link = payload.Alerts.OrderBy(a => a!.StartsAt ?? DateTimeOffset.MaxValue).Select(a => SafeLink(a!.GeneratorURL)).FirstOrDefault(l => l is not null)
                   ?? SafeLink(payload.ExternalURL);
        // The earliest alert's annotations (description, runbook_url…) with the group's common ones over them.
        var annotations = SignalAnnotations.Merge(payload.Alerts.OrderBy(a => a!.StartsAt ?? DateTimeOffset.MaxValue).First()!.Annotations,
            payload.CommonAnnotations);
        return SignalParseResult.Ok(new Signal(Source, groupKey, payload.Status!, title, SignalLabels.Service(labels),
            SignalLabels.MapSeverity(labels.GetValueOrDefault("severity")), labels, startsAt, link, annotations));
    }

    /// <summary>An absolute http(s) URL of reasonable length, or null: anything else (javascript:, data:, relative) is dropped.</summary>
    internal static string? SafeLink(string? url)
    {
        if (url is null || url.Length > 2000) return null;
        var clean = UntrustedText.Clean(url, 2000);
        return Uri.TryCreate(clean, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri : null;
    }
}
