using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Inbound;

/// <summary>Tolerant reads from Slack JSON: a missing or mistyped field is null, never an exception.</summary>
internal static class JsonFields
{
    public static string? Str(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            if (node is not JsonObject o) return null;
            node = o[name];
        }
        return node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
    }

    public static bool Bool(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Parses a JSON object, or null when the text is not one.</summary>
    public static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses a JSON object from UTF-8 bytes, or null when they are not one.</summary>
    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            return JsonNode.Parse(ref reader) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
