namespace IncidentBot.Core.Readiness;

/// <summary>Renders a <see cref="ReadinessReport"/> as <c>text</c>, <c>md</c> or <c>json</c>.</summary>
public static class ReadinessFormat
{
    /// <summary>The formats <see cref="Render"/> knows.</summary>
    public static readonly IReadOnlyList<string> Formats = ["text", "md", "json"];

    /// <summary>The MIME type of a format.</summary>
    public static string ContentType(string format) => format switch
    {
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>The report in <paramref name="format"/> (<c>text</c>, <c>md</c>, <c>json</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Another format.</exception>
    public static string Render(ReadinessReport report, string format) => format switch
    {
        "text" => ReadinessText.Render(report),
        "md" => ReadinessMarkdown.Render(report),
        "json" => ReadinessJson.Render(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "text, md or json"),
    };

    /// <summary>The verdict as written in every format: <c>pass</c>, <c>warn</c>, <c>fail</c>.</summary>
    public static string Word(ReadinessVerdict verdict) => verdict.ToString().ToLowerInvariant();
}
