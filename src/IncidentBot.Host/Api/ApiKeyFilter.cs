using System.Security.Cryptography;
using System.Text;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Api;

/// <summary>
/// Requires an API key on <c>/api</c> outside Development (or when <see cref="ApiOptions.AllowAnonymous"/> is false).
/// Keys are compared in constant time and never logged.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<ApiOptions> options, IHostEnvironment environment, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var o = options.Value;
        if (o.AllowAnonymous ?? environment.IsDevelopment()) return await next(context).ConfigureAwait(false);
        var request = context.HttpContext.Request;
        var presented = request.Headers["X-Api-Key"].FirstOrDefault() ?? BearerToken(request.Headers.Authorization.FirstOrDefault());
        if (presented is null || !o.Keys.Any(k => k.Length > 0 && FixedEquals(k, presented)))
        {
            Log.ApiRejected(logger, request.Path, presented is null ? "no API key" : "unknown API key");
            return Results.Json(new { error = "An API key is required: send it in X-Api-Key." }, statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context).ConfigureAwait(false);
    }

    private static string? BearerToken(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private static bool FixedEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
