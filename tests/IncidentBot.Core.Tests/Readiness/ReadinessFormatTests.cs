using System.Text.Json;
using IncidentBot.Core.Readiness;

namespace IncidentBot.Core.Tests.Readiness;

/// <summary>The report in JSON, Markdown and text.</summary>
public sealed class ReadinessFormatTests
{
    private static ReadinessReport Report(Action<ReadinessScenario>? change = null)
    {
        var s = new ReadinessScenario();
        change?.Invoke(s);
        return ReadinessAssessor.Assess(s.Inputs());
    }

    [Fact]
    public void Json_FailingPoint_IsCamelCaseWithVerdictsAsStrings()
    {
        var json = ReadinessFormat.Render(Report(s => s.Options.Remove(ReadinessScenario.Control)), "json");

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("fail", root.GetProperty("verdict").GetString());
        Assert.Equal(ReadinessScenario.Now, root.GetProperty("generatedUtc").GetDateTimeOffset());
        var service = Assert.Single(root.GetProperty("services").EnumerateArray());
        Assert.Equal("checkout", service.GetProperty("service").GetString());
        Assert.Equal("fail", service.GetProperty("verdict").GetString());
        var point = service.GetProperty("points")[3];
        Assert.Equal(4, point.GetProperty("number").GetInt32());
        Assert.Equal("Runtime controls", point.GetProperty("name").GetString());
        Assert.Equal("fail", point.GetProperty("verdict").GetString());
        Assert.Equal("FAIL: checkout-rollback offers no control or pause option: containment is all or nothing", point.GetProperty("facts")[0].GetString());
        Assert.Equal(1, point.GetProperty("actions").GetArrayLength());
        Assert.Equal("pass", service.GetProperty("points")[0].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Markdown_NoteWithMarkup_IsEscapedAndTheTableKeepsItsCells()
    {
        var md = ReadinessFormat.Render(Report(s => s.Changes[1] = s.Changes[1] with { Note = "ok | [click](https://evil.example) <b>x</b>" }), "md");

        var html = Markdig.Markdown.ToHtml(md, Markdig.MarkdownExtensions.UseAdvancedExtensions(new Markdig.MarkdownPipelineBuilder()).Build());
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("| Service | Overall | 1. Approved baseline | 2. Rollback authority |", md, StringComparison.Ordinal);
        Assert.Contains("| checkout | pass | pass | pass | pass | pass | pass | pass | pass |", md, StringComparison.Ordinal);
        Assert.Contains("### 1. Approved baseline: pass", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_FailingPoint_ListsWhatToDo()
    {
        var md = ReadinessFormat.Render(Report(s => s.Engine.EscalationGroups.Clear()), "md");

        Assert.Contains("# Readiness: **FAIL**", md, StringComparison.Ordinal);
        Assert.Contains("### 7. Production realism: **FAIL**", md, StringComparison.Ordinal);
        Assert.Contains("What to do:\n\n- Set Engine:EscalationGroups to a group with people", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_OnePointWarns_ShowsVerdictsFactsAndActions()
    {
        var text = ReadinessFormat.Render(Report(s => s.Drills.Clear()), "text");

        Assert.StartsWith("Readiness: WARN (1 service(s), 2026-12-01 12:00 UTC)\n", text, StringComparison.Ordinal);
        Assert.Contains("\ncheckout: WARN\n", text, StringComparison.Ordinal);
        Assert.Contains("  7. Production realism: WARN\n", text, StringComparison.Ordinal);
        Assert.Contains("       WARN: no drill yet for checkout\n", text, StringComparison.Ordinal);
        Assert.Contains("     > Run a drill: /incident drill checkout-rollback service=checkout\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownFormat_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadinessFormat.Render(Report(), "csv"));
}
