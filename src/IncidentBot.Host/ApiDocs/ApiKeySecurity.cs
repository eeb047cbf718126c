using IncidentBot.Host.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IncidentBot.Host.ApiDocs;

/// <summary>
/// Declares the two ways <see cref="ApiKeyFilter"/> accepts a key (header <c>X-Api-Key</c>, or <c>Authorization: Bearer</c>)
/// as security schemes, and requires either of them, with its 401 answer, on every route marked <see cref="ApiKeyRequired"/>.
/// </summary>
internal sealed class ApiKeySecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>Name of the <c>X-Api-Key</c> header scheme in <c>components.securitySchemes</c>.</summary>
    public const string HeaderScheme = "ApiKey";

    /// <summary>Name of the <c>Authorization: Bearer</c> scheme in <c>components.securitySchemes</c>.</summary>
    public const string BearerScheme = "ApiKeyBearer";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "One of the keys in Api:Keys. Required outside Development unless Api:AllowAnonymous is true.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "The same API key, sent as Authorization: Bearer <key>.",
        };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequired>().Any()) return Task.CompletedTask;
        // Two requirement objects: either scheme is enough.
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
        ];
        operation.Responses ??= new OpenApiResponses();
        operation.Responses["401"] = new OpenApiResponse { Description = "No API key, or an unknown one: {\"error\": \"…\"}." };
        return Task.CompletedTask;
    }
}
