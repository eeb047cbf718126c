using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Host.Health;

/// <summary>
/// Writes a health report as JSON: <c>{"status":"Unhealthy","checks":[{"name":"outbox","status":"Unhealthy",
/// "description":"…"}]}</c>. A check that threw is described by its exception's type only, never its message, which
/// may carry a connection string or a token.
/// </summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>ResponseWriter</c> of the health check routes.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Exception is { } failure ? $"the check failed ({failure.GetType().Name})" : e.Value.Description,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Options, context.RequestAborted);
    }
}
