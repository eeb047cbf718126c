using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Core.Runbooks;

/// <summary>
/// Loads and validates one runbook from YAML text. Every problem in the file is reported (not just the first) with
/// its line and column, because runbooks are edited by people under pressure and a typo must never pass silently:
/// unknown keys, wrong types, bad enum values and inconsistent combinations are all errors.
/// The format is described for the people who write runbooks in <c>runbooks/README.md</c>.
/// </summary>
public static partial class RunbookLoader
{
    private static readonly string[] RootKeys = ["id", "title", "version", "applies_to", "triage", "containment", "review"];
    private static readonly string[] AppliesToKeys = ["services", "signal_labels"];
    private static readonly string[] ReviewKeys = ["questions", "required"];

    /// <summary>Parses and validates <paramref name="yamlText"/>.</summary>
    /// <param name="yamlText">The YAML text exactly as read; hashed as UTF-8 into <see cref="Runbook.ContentHash"/>.</param>
    /// <param name="sourcePath">Where the text came from; used as the file of every problem and as
    /// <see cref="Runbook.SourcePath"/>.</param>
    /// <returns>The runbook, or null and every problem found (in file order).</returns>
    public static RunbookLoadResult Load(string yamlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var log = new YamlProblemLog(sourcePath);
        var root = Parse(yamlText, log);
        var runbook = root is null ? null : ReadRunbook(root, yamlText, sourcePath, log);
        return log.Count == 0 && runbook is not null
            ? new RunbookLoadResult(runbook, []) { IdPosition = IdPosition(root!) }
            : new RunbookLoadResult(null, log.Sorted());
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string ComputeContentHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static YamlNode? Parse(string text, YamlProblemLog log)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        var parser = new FlowTrackingParser(new Parser(scanner));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // YamlDotNet stops at the first syntax error, so this is the one problem such a file gets.
            log.Add(e.Start, "YAML syntax error: " + SyntaxMessage(e.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this, without a position, for some unterminated flow collections.
            if (parser.InnermostOpenFlow is { } open)
            {
                var bracket = open.Index < text.Length && text[(int)open.Index] is '[' or '{' ? text[(int)open.Index] : '[';
                log.Add(open, $"YAML syntax error: this '{bracket}' is never closed");
            }
            else
            {
                log.Add(scanner.CurrentPosition, "YAML syntax error: unexpected text; check brackets and quotes before this point");
            }
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode s && YamlMap.IsNothing(s))
        {
            log.AddForFile("the file is empty; expected a runbook (a mapping with id, title, version, ...)");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            log.Add(stream.Documents[1].RootNode, "a runbook file holds exactly one YAML document; remove the second one");
        }
        return stream.Documents[0].RootNode;
    }

    private static (int Line, int Column) IdPosition(YamlNode root) =>
        ((YamlMappingNode)root).Children.TryGetValue(new YamlScalarNode("id"), out var id)
            ? ((int)id.Start.Line, (int)id.Start.Column)
            : (0, 0);

    private static string SyntaxMessage(string message)
    {
        const string duplicate = "Duplicate key ";
        if (message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return $"duplicate key '{message[duplicate.Length..]}'; a key may appear only once in a mapping";
        }
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }

    private static Runbook? ReadRunbook(YamlNode root, string text, string sourcePath, YamlProblemLog log)
    {
        if (YamlMap.Open(root, "runbook", RootKeys, log) is not { } map) return null;
        var id = map.Id();
        var title = map.Text("title", required: true);
        var version = map.Text("version", required: true);
        var appliesTo = ReadAppliesTo(map);
        var triage = map.TextList("triage", required: true, nonEmpty: true);
        var options = ReadOptions(map, log);
        var review = ReadReview(map);

        if (log.Count > 0 || id is null || title is null || version is null || appliesTo is null || triage is null
            || options is null || review is null)
        {
            return null;
        }
        return new Runbook(id, title, version, appliesTo, triage, options, review, ComputeContentHash(text),
            sourcePath, text);
    }

    private static RunbookAppliesTo? ReadAppliesTo(YamlMap runbook)
    {
        if (!runbook.Has("applies_to")) return new RunbookAppliesTo([], new Dictionary<string, string>());
        if (runbook.Map("applies_to", "applies_to", AppliesToKeys) is not { } map) return null;
        var services = map.TextList("services");
        var labels = map.TextMap("signal_labels");
        return services is null || labels is null ? null : new RunbookAppliesTo(services, labels);
    }

    private static ReviewTemplate? ReadReview(YamlMap runbook)
    {
        if (runbook.Map("review", "review", ReviewKeys, required: true) is not { } map) return null;
        var questions = map.TextList("questions", required: true, nonEmpty: true);
        var required = ReadReviewRequired(map, questions?.Count);
        return questions is not null && required is not null ? new ReviewTemplate(questions, required) : null;
    }
}
