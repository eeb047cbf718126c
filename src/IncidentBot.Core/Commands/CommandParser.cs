using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Commands;

/// <summary>The result of parsing a command line: a command, or a usage error to show the person.</summary>
public sealed record ParseResult(IncidentCommand? Command, string? Error, string? Usage)
{
    /// <summary>True when a command was parsed.</summary>
    public bool Ok => Command is not null;
}

/// <summary>
/// Parses <c>/incident &lt;verb&gt; [INC-n] [args]</c>. Never throws on input: anything it cannot understand becomes
/// a <see cref="ParseResult"/> with an error and the verb's usage.
/// </summary>
public static class CommandParser
{
    /// <summary>Longest command line accepted, in characters.</summary>
    public const int MaxLength = 4000;

    /// <summary>Parses one command line (with or without the leading <c>/incident</c>).</summary>
    public static ParseResult Parse(string? text)
    {
        var clean = Sanitize(text ?? "");
        if (clean.Length > MaxLength) return Fail($"That command is too long (more than {MaxLength} characters).", null);
        var tokens = clean.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tokens.Count > 0 && tokens[0].Equals("/incident", StringComparison.OrdinalIgnoreCase)) tokens.RemoveAt(0);
        if (tokens.Count == 0) return new ParseResult(new HelpCommand(null), null, null);

        var verb = tokens[0].ToLowerInvariant();
        tokens.RemoveAt(0);
        string? incidentId = null;
        if (tokens.Count > 0 && IncidentIds.Normalize(tokens[0]) is { } id)
        {
            incidentId = id;
            tokens.RemoveAt(0);
        }
        var rest = string.Join(' ', tokens);
        var result = ParseVerb(verb, tokens, rest);
        return result.Command is { } c ? result with { Command = c with { IncidentId = incidentId } } : result;
    }

    private static ParseResult ParseVerb(string verb, List<string> args, string rest) => verb switch
    {
        "declare" => ParseDeclare(args),
        "drill" => ParseDrill(args),
        "triage" => ParseTriage(args),
        "contain" => ParseContain(args),
        "approve" => Ok(new ApproveCommand(rest)),
        "reject" => Required(verb, rest, r => new RejectCommand(r), "Say why you reject it"),
        "recovered" => Ok(new RecoveredCommand(rest)),
        "retry" => Ok(new RetryCommand(rest)),
        "lift" => args.Count == 1 ? Ok(new LiftCommand(args[0].ToLowerInvariant())) : Fail("lift takes the id of the control or pause to lift.", verb),
        "continue" => Ok(new ContinueCommand(rest)),
        "note" => Required(verb, rest, r => new NoteCommand(r), "A note needs text"),
        "learn" => Required(verb, rest, r => new LearnCommand(r), "A learning needs text"),
        "followup" => ParseFollowUp(args),
        "factor" => Required(verb, rest, r => new FactorCommand(r), "A contributing factor needs text"),
        "answer" => ParseAnswer(args),
        "cancel" => Required(verb, rest, r => new CancelCommand(r), "Say why you cancel it"),
        "assign" => ParseAssign(args),
        "status" => NoArgs(verb, args, new StatusCommand()),
        "list" => NoArgs(verb, args, new ListCommand()),
        "review" => NoArgs(verb, args, new ReviewCommand()),
        "close" => NoArgs(verb, args, new CloseCommand()),
        "changes" => args.Count <= 1 ? Ok(new ChangesCommand(args.FirstOrDefault())) : Fail("changes takes at most one service name.", verb),
        "export" => ParseExport(args),
        "help" => Ok(new HelpCommand(args.FirstOrDefault()?.ToLowerInvariant())),
        _ => UnknownVerb(verb),
    };

    /// <summary>A mistyped verb names the nearest one and its one-line usage; a far-off word points to help. Never
    /// the whole help: a typo in a busy incident channel should cost one line of reading.</summary>
    private static ParseResult UnknownVerb(string verb) => CommandHelp.Nearest(verb) is { } near
        ? new ParseResult(null, $"Unknown verb '{Truncate(verb, 40)}'. Did you mean {near}?", $"{CommandHelp.UsageOf(near)} · more: /incident help {near}")
        : new ParseResult(null, $"Unknown verb '{Truncate(verb, 40)}'. Try /incident help.", null);

    private static ParseResult ParseDeclare(List<string> args)
    {
        Severity? severity = null;
        string? service = null, runbook = null;
        var title = new List<string>();
        var lastWord = args.FindLastIndex(a => !a.Contains('=', StringComparison.Ordinal));
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            // A code (sev2, P2) is a severity wherever it stands; a plain word (critical, major) only as the title's
            // last word, so "critical path broken" keeps its title.
            if (SeverityText.IsCode(a) || (i == lastWord && i > 0 && SeverityText.TryParseWord(a, out _)))
            {
                if (ParseSeverity(a, "declare") is { Command: null } bad) return bad;
                SeverityText.TryParseWord(a, out var s);
                severity = s;
            }
            else if (a.StartsWith("service=", StringComparison.OrdinalIgnoreCase)) service = a[8..];
            else if (a.StartsWith("runbook=", StringComparison.OrdinalIgnoreCase)) runbook = a[8..];
            else title.Add(a);
        }
        if (title.Count == 0) return Fail("An incident needs a title.", "declare");
        if (service is "" || runbook is "") return Fail("service= and runbook= need a value.", "declare");
        var t = string.Join(' ', title);
        return t.Length > 200 ? Fail("Keep the title under 200 characters.", "declare") : Ok(new DeclareCommand(t, severity, service, runbook));
    }

    /// <summary><c>drill &lt;runbook&gt; [severity] [service=NAME]</c>: the runbook id is the one plain word; a severity
    /// (code or word) and service= may stand anywhere.</summary>
    private static ParseResult ParseDrill(List<string> args)
    {
        Severity? severity = null;
        string? service = null;
        var words = new List<string>();
        foreach (var a in args)
        {
            if (a.StartsWith("service=", StringComparison.OrdinalIgnoreCase))
            {
                if (service is not null) return Fail("Name at most one service=NAME.", "drill");
                service = a[8..];
            }
            else if (SeverityText.IsCode(a) || SeverityText.TryParseWord(a, out _))
            {
                if (ParseSeverity(a, "drill") is { Command: null } bad) return bad;
                if (severity is not null) return Fail("Give one severity.", "drill");
                SeverityText.TryParseWord(a, out var s);
                severity = s;
            }
            else words.Add(a);
        }
        if (service is "") return Fail("service= needs a value.", "drill");
        if (words.Count == 0) return Fail("A drill needs the id of the runbook to practise.", "drill");
        if (words.Count > 1) return Fail("A drill takes one runbook id (then optionally a severity and service=NAME).", "drill");
        var runbook = words[0].StartsWith("runbook=", StringComparison.OrdinalIgnoreCase) ? words[0][8..] : words[0];
        return runbook.Length is 0 or > 100 || !Runbooks.YamlMap.IsId(runbook.ToLowerInvariant())
            ? Fail($"'{Truncate(runbook, 40)}' is not a runbook id: a-z, 0-9 and '-'.", "drill")
            : Ok(new DrillCommand(runbook.ToLowerInvariant(), severity, service));
    }

    /// <summary>Reads one severity token for <paramref name="verb"/> (declare, triage): null when it is one, else the
    /// error naming the words that are (<see cref="SeverityText.WordsText"/>).</summary>
    private static ParseResult? ParseSeverity(string token, string verb) =>
        SeverityText.TryParseWord(token, out _) ? null
        : Fail(SeverityText.IsCode(token)
            ? $"'{Truncate(token, 40)}' is not a severity. Severities: {SeverityText.WordsText}."
            : $"{char.ToUpperInvariant(verb[0])}{verb[1..]} needs a severity: {SeverityText.WordsText}.", verb);

    /// <summary>The severity of a triage: a word <see cref="SeverityText.TryParseWord"/> reads, or a bare 1..4.</summary>
    private static bool TryTriageSeverity(string token, out Severity severity) =>
        SeverityText.TryParseWord(token, out severity) || (!SeverityText.IsCode(token) && SeverityText.TryParse(token, out severity));

    private static ParseResult ParseTriage(List<string> args)
    {
        // runbook=ID re-picks the runbook (only before any containment is chosen; the incident decides that). It may
        // stand anywhere, so a card button can carry it and let the person add the severity.
        static bool IsRunbook(string a) => a.StartsWith("runbook=", StringComparison.OrdinalIgnoreCase);
        var runbooks = args.Where(IsRunbook).Select(a => a[8..]).ToList();
        args = args.Where(a => !IsRunbook(a)).ToList();
        if (args.Count == 0 || !TryTriageSeverity(args[0], out var severity))
            return ParseSeverity(args.FirstOrDefault() ?? "", "triage")!;
        if (runbooks.Count > 1) return Fail("Name at most one runbook=ID.", "triage");
        if (runbooks is [var r] && (r.Length is 0 or > 100 || !Runbooks.YamlMap.IsId(r.ToLowerInvariant())))
            return Fail($"'{Truncate(r, 40)}' is not a runbook id: write runbook=ID with a-z, 0-9 and '-'.", "triage");
        var layers = args.Skip(1).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(l => l.ToLowerInvariant()).Distinct().ToList();
        var unknown = layers.Where(l => !Runbooks.Layers.IsKnown(l)).ToList();
        return unknown.Count > 0
            ? Fail($"Unknown layer '{Truncate(unknown[0], 40)}'. Layers: {string.Join(", ", Runbooks.Layers.All)}.", "triage")
            : Ok(new TriageCommand(severity, layers, runbooks.FirstOrDefault()?.ToLowerInvariant()));
    }

    private static ParseResult ParseContain(List<string> args)
    {
        var breakGlass = args.RemoveAll(a => a.Equals("break-glass", StringComparison.OrdinalIgnoreCase) ||
                                            a.Equals("--break-glass", StringComparison.OrdinalIgnoreCase)) > 0;
        if (args.Count > 1) return Fail("contain takes one option id.", "contain");
        if (breakGlass && args.Count == 0) return Fail("break-glass needs an option id.", "contain");
        return Ok(new ContainCommand(args.FirstOrDefault()?.ToLowerInvariant(), breakGlass));
    }

    private static ParseResult ParseFollowUp(List<string> args)
    {
        string? owner = null;
        DateOnly? due = null;
        var text = new List<string>();
        foreach (var a in args)
        {
            if (a.StartsWith("owner=", StringComparison.OrdinalIgnoreCase)) owner = a[6..];
            else if (a.StartsWith("due=", StringComparison.OrdinalIgnoreCase))
            {
                if (!DateOnly.TryParseExact(a[4..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.None, out var d))
                    return Fail($"'{Truncate(a[4..], 40)}' is not a date; write due=YYYY-MM-DD.", "followup");
                due = d;
            }
            else text.Add(a);
        }
        if (text.Count == 0) return Fail("A follow-up needs text.", "followup");
        if (owner is "") return Fail("owner= needs a person.", "followup");
        return Ok(new FollowUpCommand(string.Join(' ', text), owner, due));
    }

    private static ParseResult ParseAnswer(List<string> args)
    {
        if (args.Count == 0 || !int.TryParse(args[0].TrimStart('q', 'Q', '#'), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1 || number > 100)
            return Fail("answer needs the question's number and the answer: answer 2 <text>.", "answer");
        return args.Count < 2 ? Fail($"Question {number} needs an answer after its number.", "answer")
            : Ok(new AnswerCommand(number, string.Join(' ', args.Skip(1))));
    }

    private static ParseResult ParseAssign(List<string> args)
    {
        if (args.Count != 2) return Fail("assign needs a role and a person.", "assign");
        var role = args[0].ToLowerInvariant();
        return AssignCommand.Roles.Contains(role)
            ? Ok(new AssignCommand(role, args[1]))
            : Fail($"Unknown role '{Truncate(role, 40)}'. Roles: {string.Join(", ", AssignCommand.Roles)}.", "assign");
    }

    private static ParseResult ParseExport(List<string> args)
    {
        var format = (args.FirstOrDefault() ?? "md").ToLowerInvariant();
        return args.Count <= 1 && format is "md" or "json" or "csv"
            ? Ok(new ExportCommand(format))
            : Fail("Export formats: md, json, csv.", "export");
    }

    private static ParseResult Required(string verb, string text, Func<string, IncidentCommand> make, string error) =>
        string.IsNullOrWhiteSpace(text) ? Fail(error + ".", verb) : Ok(make(text));

    private static ParseResult NoArgs(string verb, List<string> args, IncidentCommand command) =>
        args.Count == 0 ? Ok(command) : Fail($"{verb} takes no arguments besides the incident id.", verb);

    private static ParseResult Ok(IncidentCommand command) => new(command, null, null);

    private static ParseResult Fail(string error, string? verb) =>
        new(null, error, verb is null ? null : CommandHelp.UsageOf(verb));

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n] + "…";

    /// <summary>Folds white space and drops control and format characters (<see cref="UntrustedText"/>), so hostile
    /// text cannot smuggle line breaks, escapes or direction overrides.</summary>
    internal static string Sanitize(string text) => UntrustedText.Clean(text, MaxLength);

    /// <summary>True for an incident id as people write it (<see cref="IncidentIds.Normalize"/>: <c>INC-7</c>,
    /// <c>inc-007</c>, <c>#INC-7</c>): the form every surface names incidents by.</summary>
    public static bool IsIncidentId(string? text) => IncidentIds.IsIncidentId(text);
}
