namespace IncidentBot.Host.Api;

/// <summary>
/// Sends <c>X-Content-Type-Options: nosniff</c> on every <c>/api</c> answer (refusals included, so it runs before the
/// API key filter): a browser then never reads a JSON body that echoes hostile text as HTML or script.
/// </summary>
internal sealed class NoSniffFilter : IEndpointFilter
{
    /// <summary>The header's only value.</summary>
    public const string NoSniff = "nosniff";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.HttpContext.Response.Headers.XContentTypeOptions = NoSniff;
        return next(context);
    }
}
