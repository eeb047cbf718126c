namespace IncidentBot.Host.ApiDocs;

/// <summary>The OpenAPI description of every <c>/api</c> route, served at <see cref="DocumentPath"/>.</summary>
public static class ApiDocsExtensions
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Registers the <c>v1</c> document: <c>/api</c> routes only, the API key scheme, request examples.</summary>
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        return services.AddOpenApi("v1", o =>
        {
            // The console page, webhooks of other platforms, health and practice routes are not this API.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "IncidentBot API";
                document.Info.Description = "Incidents, runbooks, the change log, signals, metrics, readiness and the local console. " +
                    "Routes marked with the API key need it outside Development (unless Api:AllowAnonymous); send it in X-Api-Key or Authorization: Bearer.";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<ApiKeySecurity>();
            o.AddOperationTransformer<ApiKeySecurity>();
            o.AddOperationTransformer<RequestExamples>();
        });
    }

    /// <summary>
    /// Maps <see cref="DocumentPath"/>, anonymous in every environment: it describes the routes and holds no data or
    /// secret, and every route it lists still checks the key itself.
    /// </summary>
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    /// <summary>Describes a body the handler reads by hand (<see cref="JsonBodyExample"/>) with <paramref name="example"/>;
    /// <paramref name="required"/> are the members it refuses the body without.</summary>
    internal static RouteHandlerBuilder WithJsonBodyExample<T>(this RouteHandlerBuilder builder, string example, params string[] required) =>
        builder.WithMetadata(new JsonBodyExample(typeof(T), example, required));
}
