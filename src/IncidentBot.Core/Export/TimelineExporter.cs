using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Export;

/// <summary>
/// Exports an incident's evidence as a timeline: Markdown for the post-mortem, JSON and CSV for tools. JSON and CSV
/// entries carry their hashes and Markdown names the chain's last hash, so a reader can check an export against
/// <c>incidentbot evidence verify</c>. Every format carries the incident's seal when the store keeps checkpoints
/// (Markdown: an <c>Evidence seal</c> line; JSON: <c>seal</c>; CSV: a first line <c># evidence seal: …</c>), which
/// <c>incidentbot evidence verify --seal</c> confirms later. Text from people and alerts is cleaned
/// (<see cref="UntrustedText"/>: no line breaks, controls or direction overrides, even in evidence stored before that
/// cleaning existed or in text from executors and checks) and escaped for each format (no Markdown table breaks, no CSV
/// formulas). JSON keeps each event's payload exactly as stored, since it is what the hashes cover.
/// </summary>
public static class TimelineExporter
{
    /// <summary>Formats supported by <see cref="Export"/>.</summary>
    public static readonly IReadOnlyList<string> Formats = ["md", "json", "csv"];

    /// <summary>The MIME type of a format.</summary>
    public static string ContentType(string format) => format switch
    {
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        _ => "text/markdown; charset=utf-8",
    };

    /// <summary>The timeline of one incident's events in <paramref name="format"/> (<c>md</c>, <c>json</c>, <c>csv</c>).</summary>
    /// <param name="events">The incident's events, in order.</param>
    /// <param name="format"><c>md</c>, <c>json</c> or <c>csv</c>.</param>
    /// <param name="seal">The incident's seal (<see cref="IEvidenceStore.GetSealAsync"/>), written into the header; null for none.</param>
    public static string Export(IReadOnlyList<EvidenceEvent> events, string format, string? seal = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = events.Select(e => (Event: e, Text: TimelineText.Describe(EventCodec.Deserialize(e.Type, e.PayloadJson)))).ToList();
        return format switch
        {
            "json" => Json(events, entries, seal),
            "csv" => (seal is null ? "" : $"# evidence seal: {seal}\r\n") + Csv(entries),
            "md" => Markdown(events, entries, seal),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "md, json or csv"),
        };
    }

    private static string Markdown(IReadOnlyList<EvidenceEvent> events, List<(EvidenceEvent Event, string Text)> entries, string? seal)
    {
        var incident = Incident.FromEvents(events[0].Stream, events)!;
        var sb = new StringBuilder();
        sb.Append("# ").Append(incident.Id).Append(": ").Append(MdText(incident.Title)).Append("\n\n");
        sb.Append("- State: ").Append(incident.State).Append('\n');
        sb.Append("- Severity: ").Append(incident.Severity?.ToText() ?? "not triaged").Append('\n');
        sb.Append("- Service: ").Append(MdText(incident.Service)).Append('\n');
        sb.Append("- Runbook: ").Append(MdText(incident.RunbookVersion)).Append('\n');
        sb.Append("- Commander: ").Append(MdText(incident.Commander)).Append('\n');
        sb.Append("- Events: ").Append(events.Count).Append(", last hash `").Append(events[^1].Hash).Append("`\n");
        if (seal is not null) sb.Append("- Evidence seal: `").Append(seal).Append("` (check with `incidentbot evidence verify --seal`)\n");
        sb.Append('\n');
        sb.Append("| # | Time (UTC) | Who | Via | What |\n|---|---|---|---|---|\n");
        foreach (var (e, text) in entries)
            sb.Append("| ").Append(e.Seq).Append(" | ").Append(e.OccurredUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
              .Append(" | ").Append(MdText(e.Actor)).Append(" | ").Append(e.Surface).Append(" | ").Append(MdText(text)).Append(" |\n");
        if (incident.Learnings.Count > 0)
            sb.Append("\n## Learnings\n\n").AppendJoin("", incident.Learnings.Select(l => "- " + MdText(l) + "\n"));
        if (incident.FollowUps.Count > 0)
            sb.Append("\n## Follow-ups\n\n").AppendJoin("", incident.FollowUps.Select(l => "- [ ] " + MdText(l) + "\n"));
        return sb.ToString();
    }

    private static string Json(IReadOnlyList<EvidenceEvent> events, List<(EvidenceEvent Event, string Text)> entries, string? seal) =>
        JsonSerializer.Serialize(new
        {
            incident = events[0].Stream,
            seal,
            events = entries.Select(x => new
            {
                seq = x.Event.Seq,
                eventId = x.Event.EventId,
                time = EvidenceHasher.FormatTime(x.Event.OccurredUtc),
                actor = x.Event.Actor,
                surface = x.Event.Surface,
                type = x.Event.Type,
                summary = UntrustedText.Clean(x.Text),
                payload = JsonDocument.Parse(x.Event.PayloadJson).RootElement,
                runbookVersion = x.Event.RunbookVersion,
                prevHash = x.Event.PrevHash,
                hash = x.Event.Hash,
            }),
        }, new JsonSerializerOptions { WriteIndented = true });

    private static string Csv(List<(EvidenceEvent Event, string Text)> entries)
    {
        var sb = new StringBuilder("seq,time,actor,surface,type,summary,hash\r\n");
        foreach (var (e, text) in entries)
            sb.AppendJoin(',', new[] { e.Seq.ToString(CultureInfo.InvariantCulture), EvidenceHasher.FormatTime(e.OccurredUtc), e.Actor, e.Surface, e.Type, text, e.Hash }.Select(CsvCell))
              .Append("\r\n");
        return sb.ToString();
    }

    /// <summary>People's text as inert Markdown: no table breaks, no HTML, no links, no emphasis, one line.</summary>
    private static string MdText(string s)
    {
        var clean = UntrustedText.Clean(s);
        var sb = new StringBuilder(clean.Length + 8);
        foreach (var ch in clean)
        {
            if (ch == '<') sb.Append("&lt;");
            else if (ch == '>') sb.Append("&gt;");
            else if (MarkdownSpecials.Contains(ch, StringComparison.Ordinal)) sb.Append('\\').Append(ch);
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    private const string MarkdownSpecials = "\\`*_{}[]()#+!|~";

    private static string CsvCell(string text)
    {
        var s = UntrustedText.Clean(text);
        // A cell starting with = + - @ is a formula to spreadsheet programs: neutralise it.
        if (s.Length > 0 && "=+-@\t\r".Contains(s[0], StringComparison.Ordinal)) s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
