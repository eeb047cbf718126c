using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>
/// <see cref="StateChange"/> as <c>{"from":"awaitingApproval","to":"executing"}</c>, like every enum in evidence
/// (camelCase), read without the reflection of a constructor-bound record: every event of every fold carries one.
/// </summary>
public sealed class StateChangeJsonConverter : JsonConverter<StateChange>
{
    private static readonly Dictionary<string, IncidentState> ByName =
        Enum.GetValues<IncidentState>().ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<IncidentState, JsonEncodedText> Names =
        ByName.ToDictionary(p => p.Value, p => JsonEncodedText.Encode(p.Key));

    /// <inheritdoc />
    public override StateChange? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A recorded move is an object.");
        IncidentState? from = null, to = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("A recorded move has named states.");
            var isFrom = reader.ValueTextEquals("from"u8);
            var isTo = !isFrom && reader.ValueTextEquals("to"u8);
            reader.Read();
            if (!isFrom && !isTo) { reader.Skip(); continue; }
            var state = reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var s)
                ? s : throw new JsonException("A recorded move names a state the lifecycle does not have.");
            if (isFrom) from = state; else to = state;
        }
        return from is { } f && to is { } t ? new StateChange(f, t) : throw new JsonException("A recorded move needs from and to.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StateChange value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("from"u8, Names[value.From]);
        writer.WriteString("to"u8, Names[value.To]);
        writer.WriteEndObject();
    }
}
