using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.TestSupport.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// A hostile deploy API and Prometheus behind one <see cref="LoopbackTarget"/>, for one secret: it records what it got
/// (so a test can tell the secret arrived intact) and answers by echoing the secret back in many forms: the raw request
/// target, headers and body, JSON-escaped, base64 and inside a Basic credential. Paths: <c>/deploy/…</c> 200,
/// <c>/fail/…</c> 500, <c>/health/…</c> 200 <c>{"token": secret}</c>, <c>/prom/…/api/v1/query</c> a series labelled with it.
/// The runbook is <see cref="Yaml"/> (id <see cref="RunbookId"/>, service <see cref="Service"/>).
/// </summary>
internal sealed class SecretTarget(string secret)
{
    public const string RunbookId = "secret-target";
    public const string Service = "secret-api";

    /// <summary>Options <c>pass</c> (step 200, a failing http check and a passing prometheus check), <c>fail</c> (step 500), <c>refused</c> (nobody listens).</summary>
    public const string Yaml = """
        id: secret-target
        title: Test runbook whose steps and checks carry a secret in URL, path, headers and body
        version: "1"
        applies_to:
          services: [secret-api]
        triage:
          - What changed?
        containment:
          - id: pass
            title: Deploy with the token, then check with it
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: deploy
                kind: http
                title: Deploy with the token everywhere
                timeout_seconds: 20
                http:
                  method: POST
                  url: "{{settings.target}}/deploy/{{secret.deploy_token}}?token={{secret.deploy_token}}"
                  headers: {X-Control-Enabled: "{{control.enabled}}", Authorization: "Bearer {{secret.deploy_token}}", X-Token: "{{secret.deploy_token}}"}
                  body: "{\"token\":\"{{secret.deploy_token}}\",\"incident\":\"{{incident.id}}\"}"
            checks:
              - id: health
                kind: http
                title: Health echoes the token
                interval_seconds: 1
                window_seconds: 1
                consecutive_passes: 1
                http: {url: "{{settings.target}}/health/{{secret.deploy_token}}?token={{secret.deploy_token}}", expect_status: 200, json_path: token, expect_value: other}
              - id: error-rate
                kind: prometheus
                title: Error rate below 5 %
                interval_seconds: 1
                window_seconds: 1
                consecutive_passes: 1
                prometheus: {base_url: "{{settings.target}}/prom/{{secret.deploy_token}}", query: "error_rate{token=\"{{secret.deploy_token}}\"}", comparison: "<", threshold: 0.05}
            fallback: Do it by hand.
          - id: fail
            title: Deploy with the token to an endpoint that fails
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: deploy
                kind: http
                title: Deploy and get 500
                timeout_seconds: 20
                http:
                  method: POST
                  url: "{{settings.target}}/fail/{{secret.deploy_token}}?token={{secret.deploy_token}}"
                  headers: {X-Control-Enabled: "{{control.enabled}}", Authorization: "Bearer {{secret.deploy_token}}"}
                  body: "{\"token\":\"{{secret.deploy_token}}\"}"
            fallback: Do it by hand.
          - id: refused
            title: Deploy with the token to a host that is down
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: deploy
                kind: http
                title: Deploy to nobody
                timeout_seconds: 20
                http:
                  method: POST
                  url: "{{settings.dead}}/deploy/{{secret.deploy_token}}?token={{secret.deploy_token}}"
                  headers: {X-Control-Enabled: "{{control.enabled}}", Authorization: "Bearer {{secret.deploy_token}}"}
                  body: "{\"token\":\"{{secret.deploy_token}}\"}"
            fallback: Do it by hand.
        review:
          questions:
            - Why was it needed?
        """;

    private readonly ConcurrentQueue<Received> received = new();

    /// <summary>What one request brought: the first path segment after the route, the query token, headers and JSON body token, all decoded.</summary>
    public sealed record Received(string Route, string? PathSecret, string? QueryToken, string? Authorization, string? XToken, string? BodyToken);

    public IReadOnlyList<Received> Requests => received.ToList();

    /// <summary>The handler for <see cref="LoopbackTarget.StartAsync"/>.</summary>
    public async Task AnswerAsync(HttpContext context, int number)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var segments = raw.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        received.Enqueue(new Received(segments[0], segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : null, context.Request.Query["token"].FirstOrDefault(),
            context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["X-Token"].FirstOrDefault(), BodyToken(body)));
        var echo = JsonSerializer.Serialize(new { token = secret, target = raw, auth = context.Request.Headers.Authorization.ToString(), body,
            basic = SecretForms.Basic(secret), b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) });
        switch (segments[0])
        {
            case "deploy" or "health":
                await LoopbackTarget.ReplyAsync(context, 200, echo);
                break;
            case "fail":
                await LoopbackTarget.ReplyAsync(context, 500, $"denied {secret} at {raw} (basic {SecretForms.Basic(secret)}) {echo}");
                break;
            default:
                await LoopbackTarget.ReplyAsync(context, 200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"error_rate\",\"token\":" +
                    JsonSerializer.Serialize(secret) + $"}},\"value\":[{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.0,\"0.01\"]}}]}}}}");
                break;
        }
    }

    private static string? BodyToken(string body)
    {
        if (body.Length == 0) return null;
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("token", out var t) ? t.GetString() : null;
    }
}
