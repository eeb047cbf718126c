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

    /// <summary><paramref name="json"/>, or null when one of its strings cannot be read: System.Text.Json parses a lone
    /// surrogate escape (<c>"\uD800"</c>) but throws when it is read as a string, so such a body is malformed.</summary>
    private static JsonObject? Readable(JsonObject? json)
    {
        try
        {
            return json is not null && AllStringsReadable(json) ? json : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool AllStringsReadable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o) if (!AllStringsReadable(value)) return false;
                return true;
            case JsonArray a:
                foreach (var item in a) if (!AllStringsReadable(item)) return false;
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>() is not null;
            default:
                return true;
        }
    }

    /// <summary>Parses a JSON object, or null when the text is not one.</summary>
    public static JsonObject? ParseObject(string text)
    {
        try
        {
            return Readable(JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject);
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
            return Readable(JsonNode.Parse(ref reader) as JsonObject);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
