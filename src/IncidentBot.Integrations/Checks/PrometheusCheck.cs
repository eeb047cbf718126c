using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Checks;

/// <summary>
/// The <c>prometheus</c> check: an instant query, <c>GET {base_url}/api/v1/query?query=…</c> (template values are
/// filled in both, URI-escaped in the base URL except settings.NAME), within <see cref="CheckOptions.Timeout"/>. Every returned series must
/// satisfy <c>value comparison threshold</c>; the detail names the worst one. <c>status: error</c>, no series, NaN,
/// unreachable or timed out: inconclusive, with the reason.
/// </summary>
public sealed partial class PrometheusCheck : PolledCheck
{
    internal PrometheusCheck(CheckHttp http, ILogger<PrometheusCheck> logger) : base(http, logger) { }

    /// <inheritdoc />
    public override string Kind => "prometheus";

    private protected override async Task<CheckOutcome> PollAsync(CheckContext context, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        if (context.Check.Prometheus is not { } spec) return Inconclusive("the check has no 'prometheus' section");
        if (Comparison.Parse(spec.Comparison, spec.Threshold) is not { } comparison)
            return Inconclusive($"comparison '{spec.Comparison}' is not one of <, <=, >, >=, ==");
        var (baseUrl, error) = TemplateValues.RenderUrl(spec.BaseUrl, context.Values);
        if (error is not null) return Inconclusive($"base_url: {error}");
        var (rendered, queryError) = TemplateValues.Render(spec.Query, context.Values);
        if (queryError is not null) return Inconclusive($"query: {queryError}");
        // The detail names the query as written, secrets left as {{secret.NAME}}; the rendered one is only sent.
        var query = TemplateValues.Describe(spec.Query, context.Values);
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/api/v1/query?query=" + Uri.EscapeDataString(rendered), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return Inconclusive("base_url is not an absolute http:// or https:// URL after rendering");

        var response = await Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (response.Problem is { } problem) return Inconclusive($"{query}: {problem}");
        var result = PrometheusResult.Parse(response.Body);
        if (result.Problem is { } p)
            return Inconclusive(response.Status is >= 200 and < 300 ? $"{query}: {p}" : $"{query}: HTTP {response.Status}: {p}");
        if (response.Status is < 200 or >= 300) return Inconclusive($"{query}: HTTP {response.Status}");

        var (series, worst) = result.Samples.MaxBy(s => comparison.Badness(s.Value));
        var failing = result.Samples.Count(s => !comparison.Holds(s.Value));
        var target = $"{comparison.Operator} {Number(comparison.Threshold)}";
        // A series whose labels the query already selects is named once: `ratio{service="x"}`, not `ratio{service="x"}{service="x"}`.
        var subject = NamedByQuery(query, series) ? query : $"{query}{series}";
        if (failing == 0)
            return new(CheckStatus.Pass, result.Samples.Count == 1
                ? $"{subject} = {Number(worst)} {target}"
                : $"{query}: all {result.Samples.Count} series {target}; worst {series} = {Number(worst)}");
        return new(CheckStatus.Fail, result.Samples.Count == 1
            ? $"{subject} = {Number(worst)}, not {target}"
            : $"{query}: {failing} of {result.Samples.Count} series not {target}; worst {series} = {Number(worst)}");
    }

    private static bool NamedByQuery(string query, string series) =>
        LabelPair().Matches(series).All(m => query.Contains(m.Value, StringComparison.Ordinal));

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex LabelPair();

    private static CheckOutcome Inconclusive(string detail) => new(CheckStatus.Inconclusive, detail);

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
