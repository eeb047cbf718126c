using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>Which <c>{{settings.X}}</c> / <c>{{secret.X}}</c> a runbook uses, and which of them the configuration lacks.</summary>
public sealed class TemplateReferencesTests
{
    private static readonly Runbook Minimal = RunbookLoader.Load(MinimalRunbook.Text, "minimal.yaml").Runbook!;

    [Fact]
    public void Of_SettingsAndSecrets_ListsEachOnceInOrder()
    {
        var runbook = Minimal with { SourceText = "url: \"{{settings.deploy_url}}/x\"\nAuthorization: \"Bearer {{ secret.token }}\"\nagain: {{settings.deploy_url}} {{incident.id}}" };

        var references = TemplateReferences.Of(runbook);

        Assert.Equal(["settings.deploy_url", "secret.token"], references);
    }

    [Fact]
    public void Missing_SecretNotConfigured_NamesTheSecretsSetting()
    {
        var runbook = Minimal with { SourceText = "url: \"{{settings.deploy_url}}/x\"\nAuthorization: \"Bearer {{secret.token}}\"" };
        var settings = new Dictionary<string, string> { ["deploy_url"] = "https://deploy.example" };

        var missing = TemplateReferences.Missing([runbook], settings, new Dictionary<string, string>());

        var line = Assert.Single(missing);
        Assert.Equal($"minimal.yaml: runbook {runbook.Id} uses {{{{secret.token}}}} but Executors:Secrets:token is not configured (set Executors__Secrets__token)", line);
    }
}
