using IncidentBot.Integrations.Http;

namespace IncidentBot.Integrations.Execution;

/// <summary>
/// Configuration of the executors (section <c>Executors</c>). <see cref="Settings"/> and <see cref="Secrets"/> become
/// the <c>{{settings.NAME}}</c> and <c>{{secret.NAME}}</c> template values of runbook steps and checks.
/// </summary>
public sealed class ExecutorOptions
{
    /// <summary>The configuration section: <c>Executors</c>.</summary>
    public const string SectionName = "Executors";

    /// <summary>
    /// Plain values runbooks may use as <c>{{settings.NAME}}</c> (e.g. <c>Executors:Settings:deploy_api</c>).
    /// Default: empty. Not secret: they may appear in evidence.
    /// </summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Secret values runbooks may use as <c>{{secret.NAME}}</c>, e.g. a deploy token in a header. Default: empty.
    /// Set them ONLY from environment variables (<c>Executors__Secrets__deploy_token</c>) or user secrets, never in
    /// appsettings files or runbooks. Every value of 4 characters or more is replaced by <c>***</c> in evidence.
    /// </summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Resilience of <c>http</c> steps (section <c>Executors:Http</c>); see <see cref="HttpExecutorOptions"/>.</summary>
    public HttpExecutorOptions Http { get; set; } = new();
}
