namespace IncidentBot.Host.Api;

/// <summary>
/// Endpoint metadata set by <see cref="ApiEndpoints.RequireApiKey"/> beside <see cref="ApiKeyFilter"/>: the filter itself
/// is not visible in metadata, so this marker is what the OpenAPI document reads to require the key on the route.
/// </summary>
internal sealed class ApiKeyRequired
{
    /// <summary>The one instance every secured route carries.</summary>
    public static readonly ApiKeyRequired Instance = new();

    private ApiKeyRequired()
    {
    }
}
