using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Hostile strings from a seeded <see cref="Random"/>: control and direction characters, markup, formulas,
/// chat mentions, command look-alikes and plain noise, so a failing fuzz run can be repeated with its seed. Lone
/// surrogates are carried as a marker (U+FDD0 and four hex digits) because System.Text.Json refuses to write them:
/// <see cref="Json"/> turns the marker into a <c>\uD800</c> escape, <see cref="Raw"/> into the lone char itself.</summary>
internal sealed partial class HostileText(Random random)
{
    private const string Lone = "\uFDD0";
    private static readonly string[] Fragments =
    [
        "\u0000", "\u0007", "\u001b[31m", "\u001b]0;pwn\u0007", "\u0085", "\u009b", "\u2028", "\u2029", "\r\n", "\t",
        "\u202E", "\u202D", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C", "\u200B", "\uFEFF", "\U000E0041\U000E0069",
        Lone + "D800", Lone + "DFFF", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
        "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
        "*bold* _it_ ~s~ `code` ```block```", "<!channel>", "<!here>", "<@U0BOB>", "<https://evil.example|click>",
        "[x](javascript:alert(1))", "| a | b |\n|---|---|", "# heading", "&lt;&amp;", "{{ .Secret }}", "${jndi:ldap://x}",
        "' OR 1=1 --", "INC-1", "INC-2", "inc-999999999", "INC-99999999999", "sev1", "service=support-assistant",
        "runbook=ai-assistant-drift", "break-glass", "Zoë 🔥 déjà 日本語 עברית", "\\", "%00", "%ff", "\"", "'", "null",
    ];

    private static readonly string[] Verbs =
    [
        "declare", "triage", "contain", "approve", "reject", "recovered", "retry", "lift", "continue", "note", "learn",
        "followup", "cancel", "assign", "status", "list", "review", "close", "changes", "export", "help",
        "DECLARE", "delete", "drop", "sudo", "\u202Eapprove", "appro\u200Bve", "",
    ];

    public Random Random => random;

    /// <summary>1 to 4 fragments with noise between them.</summary>
    public string Next()
    {
        var sb = new StringBuilder();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            sb.Append(Pick(Fragments));
            if (random.Next(3) == 0) sb.Append(Noise(random.Next(1, 12)));
        }
        return sb.ToString();
    }

    /// <summary>A command line: a verb (sometimes unknown), maybe an incident id, hostile text.</summary>
    public string Command() =>
        (random.Next(4) == 0 ? "" : "/incident ") + Pick(Verbs) + " " + (random.Next(2) == 0 ? $"INC-{random.Next(1, 4)} " : "") + Next();

    /// <summary>A string of about <paramref name="length"/> characters (the body limit is 64 KiB).</summary>
    public string Long(int length) => string.Concat(Enumerable.Repeat(Next(), length)).PadRight(length, 'x')[..length];

    /// <summary>Random code points of every plane (surrogates included, as lone halves).</summary>
    public string Noise(int length)
    {
        var sb = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            var cp = random.Next(4) switch { 0 => random.Next(0, 0x20), 1 => random.Next(0x80, 0xA0), 2 => random.Next(0x2000, 0x2070), _ => random.Next(0, 0x10FFFF) };
            if (cp > 0xFFFF) sb.Append(char.ConvertFromUtf32(cp));
            else if (cp is >= 0xD800 and <= 0xDFFF) sb.Append(Lone).Append(cp.ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append((char)cp);
        }
        return sb.ToString();
    }

    /// <summary>Bytes that are not UTF-8 (overlong forms, stray continuation bytes, encoded surrogates, 0xFF).</summary>
    public byte[] InvalidUtf8(string prefix)
    {
        byte[][] bad = [[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xFE, 0xFF]];
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(prefix));
        for (var i = random.Next(1, 6); i > 0; i--) bytes.AddRange(Pick(bad));
        return [.. bytes];
    }

    /// <summary>JSON nested <paramref name="depth"/> levels deep (arrays or objects).</summary>
    public static string Deep(int depth, bool objects) =>
        objects ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
                : new string('[', depth) + new string(']', depth);

    /// <summary>The JSON text of <paramref name="node"/>, lone surrogate markers written as <c>\uXXXX</c> escapes.</summary>
    public static string Json(JsonNode node) => LoneEscaped().Replace(node.ToJsonString(), "\\u$1");

    /// <summary>The text with lone surrogate markers turned into lone surrogates.</summary>
    public static string Raw(string text) => LoneMarker().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"\\u[Ff][Dd][Dd]0([0-9A-Fa-f]{4})")]
    private static partial Regex LoneEscaped();

    [GeneratedRegex("\uFDD0([0-9A-F]{4})")]
    private static partial Regex LoneMarker();

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
