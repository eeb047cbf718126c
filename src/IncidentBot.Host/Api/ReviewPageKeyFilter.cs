using System.Net;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Api;

/// <summary>
/// The API key rule of the review page (<c>GET /incidents/{id}/review</c>): as <see cref="ApiKeyFilter"/>, and the key
/// may also come in the <see cref="CookieName"/> cookie, which the console sets (path <c>/incidents</c>,
/// <c>SameSite=Strict</c>) so its export link can open the page in a new tab. Only this read-only page takes the
/// cookie; <c>/api</c> never does (a cookie would let another site's form ride on it).
/// </summary>
internal sealed class ReviewPageKeyFilter(IOptions<ApiOptions> options, IHostEnvironment environment, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    /// <summary>The cookie the console sets with the API key.</summary>
    public const string CookieName = "incidentbot_key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (ApiKeyFilter.Refusal(options.Value, environment, ApiKeyFilter.HeaderKey(request) ?? request.Cookies[CookieName]) is { } refusal)
        {
            Log.ApiRejected(logger, request.Path, refusal);
            return ReviewPage.Message(HttpStatusCode.Unauthorized, "An API key is required",
                "Open this page from the console, or send the key in X-Api-Key.");
        }
        return await next(context).ConfigureAwait(false);
    }
}
