using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IncidentBot.Host.ApiDocs;

/// <summary>Gives routes marked with <see cref="JsonBodyExample"/> their JSON request body: schema and example.</summary>
internal sealed class RequestExamples : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyExample>().FirstOrDefault() is not { } example) return;
        var schema = await context.GetOrCreateSchemaAsync(example.BodyType, null, cancellationToken).ConfigureAwait(false);
        // The generated list names every constructor parameter; the handler's own rules are narrower.
        schema.Required = example.Required.Count == 0 ? null : new HashSet<string>(example.Required, StringComparer.Ordinal);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schema, Example = JsonNode.Parse(example.Json) },
            },
        };
    }
}
