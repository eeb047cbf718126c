using System.Net;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Export;

namespace IncidentBot.Host.Api;

/// <summary>
/// <c>GET /incidents/{id}/review</c>: the draft post-incident review as a self-contained printable page
/// (<see cref="ReviewHtml"/>), <c>?download=1</c> as an attachment <c>INC-n-review.html</c>. Behind the API key
/// outside Development (<see cref="ReviewPageKeyFilter"/>: header or the console's cookie). Served with a CSP that
/// allows nothing but the page's own inline style: no script runs, nothing loads.
/// </summary>
public static class ReviewPage
{
    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/incidents/{id}/review", GetAsync).AddEndpointFilter<NoSniffFilter>().AddEndpointFilter<ReviewPageKeyFilter>();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, string? download, IncidentEngine engine, CancellationToken ct)
    {
        if (IncidentIds.Normalize(id) is not { } incidentId) return Message(HttpStatusCode.BadRequest, "Not an incident id", "Incident ids look like INC-7.");
        if (await engine.DraftReviewAsync(incidentId, ct).ConfigureAwait(false) is not var (review, _))
            return Message(HttpStatusCode.NotFound, "No such incident", $"There is no incident {incidentId}.");
        Secure(http.Response);
        if (download is "1" or "true")
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{incidentId}-review.html\"";
        return Results.Text(ReviewHtml.Render(review), TimelineExporter.ContentType("html"));
    }

    /// <summary>The headers every review page is served with (the API's <c>format=html</c> too).</summary>
    internal static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ReviewHtml.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = NoSniffFilter.NoSniff;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>A small page for refusals and misses (no text from the request but a validated id).</summary>
    internal static IResult Message(HttpStatusCode status, string title, string text)
    {
        var html = $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
                   $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>\n";
        return new SecuredHtml(html, (int)status);
    }

    private sealed class SecuredHtml(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Secure(httpContext.Response);
            return Results.Text(html, TimelineExporter.ContentType("html"), statusCode: status).ExecuteAsync(httpContext);
        }
    }
}
