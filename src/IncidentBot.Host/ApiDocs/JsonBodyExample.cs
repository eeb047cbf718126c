namespace IncidentBot.Host.ApiDocs;

/// <summary>
/// Endpoint metadata for a handler that reads its JSON body by hand (so malformed JSON gets the route's own
/// <c>{error}</c> answer): the body's type, for its schema, and a real example, for the OpenAPI document only.
/// It adds no content-type constraint to routing, unlike <c>Accepts&lt;T&gt;()</c>.
/// </summary>
/// <param name="BodyType">The type the handler reads the body as.</param>
/// <param name="Json">An example body the route accepts.</param>
/// <param name="Required">The members the route refuses the body without (the type's members are all nullable, so that
/// a missing one is named in the route's answer).</param>
internal sealed record JsonBodyExample(Type BodyType, string Json, IReadOnlyList<string> Required);
