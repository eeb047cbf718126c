using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>The runbooks in the repository's runbooks/ folder are the ones the bot ships with.</summary>
public class ShippedRunbooksTests
{
    // The demo configuration defines exactly these groups; a runbook naming another could never be approved.
    private static readonly string[] DemoGroups = ["oncall", "approvers", "release-managers"];

    private static readonly Lazy<RunbookCatalogLoadResult> Loaded =
        new(() => RunbookCatalog.LoadDirectory(TestPaths.ShippedRunbooks));

    [Fact]
    public void LoadDirectory_ShippedRunbooks_LoadWithNoProblem()
    {
        // Act
        var result = Loaded.Value;

        // Assert
        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.Equal(["ai-assistant-drift", "general", "service-release"], result.Catalog.All.Select(r => r.Id));
    }

    [Theory]
    [InlineData("ai-assistant-drift", "rollback-prompt,rollback-retrieval,rollback-embeddings,rollback-routing,rollback-memory,rollback-tool-permissions," +
                                      "rollback-output-schema,rollback-model,force-human-review,pause-refunds-path,manual-fallback")]
    [InlineData("service-release", "rollback-release,disable-feature-flag,pause-traffic-shift,manual-fallback")]
    [InlineData("general", "mitigate-by-hand,rollback-last-change,escalate-owning-team")]
    public void LoadDirectory_ShippedRunbook_HasTheAgreedOptions(string id, string optionIds)
    {
        // Act
        var runbook = Loaded.Value.Catalog.Find(id);

        // Assert
        Assert.NotNull(runbook);
        Assert.Equal(optionIds.Split(','), runbook.Options.Select(o => o.Id));
        Assert.All(runbook.Options, o => Assert.Subset(DemoGroups.ToHashSet(), o.Approval.Groups.ToHashSet()));
        Assert.NotEmpty(runbook.TriageChecklist);
        Assert.NotEmpty(runbook.Review.Questions);
    }

    [Fact]
    public void LoadDirectory_General_IsTheDefaultOnlyAndAllManual()
    {
        // Act
        var catalog = Loaded.Value.Catalog;
        var general = catalog.Find(new IncidentBot.Core.Commands.EngineOptions().DefaultRunbook!);

        // Assert: the default out of the box, never picked by matching, and nothing in it calls a system.
        Assert.Equal("general", general?.Id);
        Assert.Empty(general!.AppliesTo.Services);
        Assert.Empty(general.AppliesTo.SignalLabels);
        Assert.All(general.Options, o => Assert.Equal((ContainmentKind.Manual, true), (o.Kind, o.Steps.All(s => s.Kind == "manual"))));
        Assert.Null(catalog.Match("api", new Dictionary<string, string> { ["alertname"] = "HighValue", ["job"] = "api" }));
    }

    [Fact]
    public void LoadDirectory_AiAssistantDrift_RollbacksNeedTwoApprovalsAtSev1AndAllowBreakGlassOnlyThere()
    {
        // Act
        var runbook = Loaded.Value.Catalog.Find("ai-assistant-drift")!;

        // Assert
        var rollbacks = runbook.Options.Where(o => o.Kind == ContainmentKind.Rollback).ToList();
        Assert.Equal([("rollback-prompt", "prompt"), ("rollback-retrieval", "retrieval"), ("rollback-embeddings", "embeddings"),
            ("rollback-routing", "routing"), ("rollback-memory", "memory"), ("rollback-tool-permissions", "tool-permissions"),
            ("rollback-output-schema", "output-schema"), ("rollback-model", "model")], rollbacks.Select(o => (o.Id, o.Layer)));
        Assert.All(rollbacks, o =>
        {
            Assert.Contains(o.Steps, s => s.Kind == "baseline");
            Assert.Equal(["approvers"], o.Approval.Groups);
            Assert.Equal(1, o.Approval.RequiredFor(Severity.Sev2));
            Assert.Equal(2, o.Approval.RequiredFor(Severity.Sev1));
            Assert.True(o.Approval.BreakGlass.AllowsAt(Severity.Sev1));
            Assert.False(o.Approval.BreakGlass.AllowsAt(Severity.Sev2));
        });
    }

    [Fact]
    public void LoadDirectory_AiAssistantDrift_RollbackPromptDeploysThroughSettingsAndVerifiesItself()
    {
        // Act
        var option = Loaded.Value.Catalog.Find("ai-assistant-drift")!.FindOption("rollback-prompt")!;

        // Assert: the deploy runs before the baseline is recorded, and only automatic checks decide recovery
        // (a manual check beside them would make the bot wait for a person).
        Assert.Equal(["http", "baseline", "manual"], option.Steps.Select(s => s.Kind));
        var deploy = option.Steps[0];
        Assert.True(deploy.Idempotent);
        Assert.Equal(15, deploy.TimeoutSeconds);
        Assert.Equal(("POST", "{{settings.deploy_url}}/deploy"), (deploy.Http!.Method, deploy.Http.Url));
        Assert.Equal("{\"layer\": \"{{layer}}\", \"version\": \"{{to_version}}\", \"incident\": \"{{incident.id}}\"}", deploy.Http.Body);
        Assert.Equal(["prometheus", "http"], option.Checks.Select(c => c.Kind));
        Assert.Equal(new PrometheusCheckSpec("{{settings.prometheus_url}}", "assistant_bad_answer_ratio{service=\"support-assistant\"}", "<", 0.05),
            option.Checks[0].Prometheus);
        Assert.Equal(new HttpCheckSpec("{{settings.health_url}}", 200, "status", "ok"), option.Checks[1].Http);
        Assert.All(option.Checks, c => Assert.Equal((2, 120, 2), (c.IntervalSeconds, c.WindowSeconds, c.ConsecutivePasses)));
    }

    [Fact]
    public void LoadDirectory_AiAssistantDrift_EveryRollbackDeploysItsLayerAndVerifiesItself()
    {
        // Act
        var rollbacks = Loaded.Value.Catalog.Find("ai-assistant-drift")!.Options.Where(o => o.Kind == ContainmentKind.Rollback).ToList();

        // Assert: each deploys {{layer}} at {{to_version}} first, records the baseline, and recovers on automatic checks only.
        Assert.All(rollbacks, o =>
        {
            Assert.Equal("{\"layer\": \"{{layer}}\", \"version\": \"{{to_version}}\", \"incident\": \"{{incident.id}}\"}", o.Steps[0].Http?.Body);
            Assert.Contains(o.Steps, s => s.Kind == "baseline");
            Assert.Equal(["prometheus", "http"], o.Checks.Select(c => c.Kind));
        });
        Assert.Equal([("rollback-embeddings", "retrieval")], rollbacks.SelectMany(o => o.MovesWith.Select(m => (o.Id, m))));
    }

    [Fact]
    public void LoadDirectory_AiAssistantDrift_EmbeddingsRollbackDeploysTheIndexBuiltWithThem()
    {
        // Act
        var option = Loaded.Value.Catalog.Find("ai-assistant-drift")!.FindOption("rollback-embeddings")!;

        // Assert
        Assert.Equal(["http", "http", "baseline"], option.Steps.Select(s => s.Kind));
        Assert.Contains("\"layer\": \"retrieval\", \"version\": \"{{moves_with.retrieval.to_version}}\"", option.Steps[1].Http!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_AiAssistantDrift_ForceHumanReviewSetsTheControlThroughSettings()
    {
        // Act
        var step = Loaded.Value.Catalog.Find("ai-assistant-drift")!.FindOption("force-human-review")!.Steps[0];

        // Assert
        Assert.Equal(("http", true), (step.Kind, step.Idempotent));
        Assert.Equal(("POST", "{{settings.control_url}}/controls"), (step.Http!.Method, step.Http.Url));
        // Lifting runs the same step with control.enabled = false, so the body must not say true literally.
        Assert.Contains("\"control\": \"force_human_review\", \"path\": \"refunds\", \"enabled\": {{control.enabled}}", step.Http.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("support-assistant", "alertname", "AssistantQualityDrop", "ai-assistant-drift")]
    [InlineData("checkout-api", "alertname", "HighErrorRate", "service-release")]
    public void Match_ShippedRunbooks_SignalSelectsItsRunbook(string service, string label, string value, string expected)
    {
        // Act
        var runbook = Loaded.Value.Catalog.Match(service, TestRunbooks.Labels((label, value)));

        // Assert
        Assert.Equal(expected, runbook?.Id);
    }

    [Fact]
    public void LoadDirectory_ShippedRunbooks_EveryOptionHasChecksAndFallback()
    {
        // Act
        var options = Loaded.Value.Catalog.All.SelectMany(r => r.Options).ToList();

        // Assert
        Assert.NotEmpty(options);
        Assert.All(options, o =>
        {
            Assert.NotEmpty(o.Checks);
            Assert.False(string.IsNullOrWhiteSpace(o.Fallback));
            Assert.False(string.IsNullOrWhiteSpace(o.Description));
        });
    }

    [Fact]
    public void Load_ReadmeAnnotatedExample_LoadsWithNoProblem()
    {
        // Arrange: the first yaml block of runbooks/README.md, so the documentation cannot drift from the loader.
        var readme = File.ReadAllText(Path.Combine(TestPaths.ShippedRunbooks, "README.md"));
        var start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        // Act
        var result = RunbookLoader.Load(example, "README.md");

        // Assert
        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.Equal(["rollback-prompt"], result.Runbook!.Options.Select(o => o.Id));
    }
}
