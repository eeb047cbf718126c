using System.Globalization;
using System.Text.Json;

namespace IncidentBot.Integrations.Checks;

/// <summary>
/// Reads a dotted path (<c>status</c>, <c>checks.model.ok</c>, <c>items.0.value</c>: a number indexes an array) from
/// a JSON document, as text: a string as is, a number as written, <c>true</c>/<c>false</c>/<c>null</c>, and an
/// object or array as compact JSON.
/// </summary>
internal static class JsonPath
{
    /// <summary>The value's text, or null with the reason when the path does not lead to a value.</summary>
    public static (string? Value, string? Missing) Read(JsonElement root, string path)
    {
        var current = root;
        var walked = "";
        foreach (var segment in path.Split('.'))
        {
            walked = walked.Length == 0 ? segment : walked + "." + segment;
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
                current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                     && index < current.GetArrayLength())
                current = current[index];
            else
                return (null, $"'{walked}' not found");
        }
        return (current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => current.GetRawText(),
        }, null);
    }
}
