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
        var request = context.HttpContext.Request;
        if (Refusal(options.Value, environment, HeaderKey(request)) is { } refusal)
        {
            Log.ApiRejected(logger, request.Path, refusal);
            return Results.Json(new { error = "An API key is required: send it in X-Api-Key." }, statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Why a request presenting <paramref name="presented"/> is refused (<c>no API key</c>, <c>unknown API key</c>, as
    /// logged), or null when it may pass: no key is required, or it is one of the configured keys.
    /// </summary>
    internal static string? Refusal(ApiOptions options, IHostEnvironment environment, string? presented) =>
        !Required(options, environment) || Accepts(options, presented) ? null
        : presented is null ? "no API key" : "unknown API key";

    /// <summary>Whether a key is required at all: outside Development, unless <see cref="ApiOptions.AllowAnonymous"/> says otherwise.</summary>
    internal static bool Required(ApiOptions options, IHostEnvironment environment) => !(options.AllowAnonymous ?? environment.IsDevelopment());

    /// <summary>The key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>, or null.</summary>
    internal static string? HeaderKey(HttpRequest request) =>
        request.Headers["X-Api-Key"].FirstOrDefault() ?? BearerToken(request.Headers.Authorization.FirstOrDefault());

    /// <summary>Whether <paramref name="presented"/> is one of the configured keys (constant-time comparison).</summary>
    internal static bool Accepts(ApiOptions options, string? presented) =>
        presented is not null && options.Keys.Any(k => k.Length > 0 && FixedEquals(k, presented));

    private static string? BearerToken(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private static bool FixedEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
