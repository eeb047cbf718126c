using IncidentBot.Core.Evidence;

namespace IncidentBot.Host.Health;

/// <summary>
/// The one place an HTTP request that failed on the store (<see cref="StoreUnavailableException"/>: disk full,
/// read-only file, locked past its wait) becomes <c>503</c> with a <c>Retry-After</c> and a problem+json body that says
/// nothing was recorded, in every environment (it runs inside the developer exception page, so no stack trace).
/// Slack and Teams answer their own failures with a 200 and an apology (README, "When the store fails").
/// </summary>
internal sealed partial class StoreUnavailableMiddleware(RequestDelegate next, StoreHealth health, ILogger<StoreUnavailableMiddleware> logger)
{
    /// <summary>Seconds a client is asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The body's detail line.</summary>
    public const string Detail = "IncidentBot can't record that right now: the evidence store is not accepting writes (disk full or read-only?). Nothing was recorded; try again shortly.";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e) when (!context.Response.HasStarted)
        {
            health.Forget();
            StoreFailed(logger, context.Request.Method, context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Evidence store unavailable")
                .ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    [LoggerMessage(1150, LogLevel.Error, "{Method} {Path} answered 503: the store failed ({Reason})")]
    private static partial void StoreFailed(ILogger logger, string method, string path, string reason);
}
