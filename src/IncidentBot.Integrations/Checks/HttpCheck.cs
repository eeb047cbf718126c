using System.Text.Json;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Checks;

/// <summary>
/// The <c>http</c> check: GET the rendered URL (template values URI-escaped, except settings.NAME) within <see cref="CheckOptions.Timeout"/>.
/// A status other than <c>expect_status</c> fails; with a <c>json_path</c>, the value there (text form, see
/// <see cref="JsonPath"/>) must equal <c>expect_value</c> exactly (ordinal). Unreachable, timed out, not JSON when a
/// path is given, or the path missing: inconclusive, with the reason. The detail names the URL by its template, secrets
/// left as <c>{{secret.NAME}}</c>.
/// </summary>
public sealed class HttpCheck : PolledCheck
{
    internal HttpCheck(CheckHttp http, ILogger<HttpCheck> logger) : base(http, logger) { }

    /// <inheritdoc />
    public override string Kind => "http";

    private protected override async Task<CheckOutcome> PollAsync(CheckContext context, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        if (context.Check.Http is not { } spec) return new(CheckStatus.Inconclusive, "the check has no 'http' section");
        var (url, error) = TemplateValues.RenderUrl(spec.Url, context.Values);
        if (error is not null) return new(CheckStatus.Inconclusive, $"url: {error}");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return new(CheckStatus.Inconclusive, "url is not an absolute http:// or https:// URL after rendering");

        var response = await Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var head = $"GET {TemplateValues.DescribeUrl(spec.Url, context.Values)}";
        if (response.Problem is { } problem && response.Status == 0) return new(CheckStatus.Inconclusive, $"{head}: {problem}");
        if (response.Status != spec.ExpectStatus)
            return new(CheckStatus.Fail, $"{head} -> {response.Status}, expected {spec.ExpectStatus}");
        if (string.IsNullOrEmpty(spec.JsonPath)) return new(CheckStatus.Pass, $"{head} -> {response.Status}");
        if (response.Problem is { } tooBig) return new(CheckStatus.Inconclusive, $"{head} -> {response.Status}: {tooBig}");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            return new(CheckStatus.Inconclusive, $"{head} -> {response.Status}: the body is not JSON, cannot read '{spec.JsonPath}'");
        }
        using (document)
        {
            var (found, missing) = JsonPath.Read(document.RootElement, spec.JsonPath);
            if (found is null) return new(CheckStatus.Inconclusive, $"{head} -> {response.Status}: {missing ?? "no value"} in the body");
            var expected = spec.ExpectValue ?? "";
            // Redacted before it is shortened: half a secret would no longer be recognised.
            var value = redactor.RedactedStart(found, ShortChars);
            return string.Equals(found, expected, StringComparison.Ordinal)
                ? new(CheckStatus.Pass, $"{head} -> {response.Status}; {spec.JsonPath} = {value}")
                : new(CheckStatus.Fail, $"{head} -> {response.Status}; {spec.JsonPath} = {value}, expected {redactor.RedactedStart(expected, ShortChars)}");
        }
    }

    private const int ShortChars = 100;
}
