using System.Text.RegularExpressions;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Signals;
using IncidentBot.Core.Text;

namespace IncidentBot.Host.Signals;

/// <summary>Turns the generic <c>POST /api/signals</c> body into a <see cref="Signal"/>, with the same rules as Alertmanager.</summary>
internal static partial class GenericSignalParser
{
    /// <summary>Source used when the body names none.</summary>
    public const string DefaultSource = "generic";

    public static SignalParseResult Parse(GenericSignalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Source ?? DefaultSource;
        if (!SourcePattern().IsMatch(source)) return SignalParseResult.Invalid("source must be 1-50 characters of a-z, 0-9, '.', '_' or '-'.");
        // Keys, titles and service names are shown in cards and exports: clean them like typed commands.
        var key = UntrustedText.Clean(request.Key);
        var title = UntrustedText.Clean(request.Title, SignalLabels.MaxTitleLength);
        if (key.Length == 0) return SignalParseResult.Invalid("key is missing or empty: it identifies the problem, so repeats attach to the same incident.");
        if (SignalStatus.Problem("status", request.Status) is { } statusProblem) return SignalParseResult.Invalid(statusProblem);
        if (title.Length == 0) return SignalParseResult.Invalid("title is missing or empty.");
        if (title.Length > SignalLabels.MaxTitleLength) return SignalParseResult.Invalid($"title is longer than {SignalLabels.MaxTitleLength} characters.");
        if (SignalLabels.Problem("labels", request.Labels) is { } labelProblem) return SignalParseResult.Invalid(labelProblem);
        var labels = SignalLabels.Merge(request.Labels, null);
        var severityText = request.Severity ?? labels.GetValueOrDefault("severity");
        var severity = SignalLabels.MapSeverity(severityText);
        if (request.Severity is not null && severity is null)
            return SignalParseResult.Invalid($"severity \"{request.Severity}\" is not valid: use {SeverityText.WordsText}, or error, warning, info.");
        var service = UntrustedText.Clean(request.Service) is { Length: > 0 } s ? s : SignalLabels.Service(labels);
        if (request.Link is not null && AlertmanagerParser.SafeLink(request.Link) is null)
            return SignalParseResult.Invalid("link must be an absolute http or https URL of at most 2000 characters.");
        return SignalParseResult.Ok(new Signal(source, key, request.Status!, title, service, severity, labels,
            request.StartsAt is { } t && t != default ? t : null, AlertmanagerParser.SafeLink(request.Link)));
    }

    [GeneratedRegex("^[a-z0-9._-]{1,50}$")]
    private static partial Regex SourcePattern();
}
