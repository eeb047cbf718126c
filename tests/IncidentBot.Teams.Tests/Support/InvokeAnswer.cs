using System.Net;
using System.Text.Json.Nodes;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>The bot's HTTP answer to an <c>adaptiveCard/action</c> invoke (PROTOCOLS.md §10).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The invoke response: <c>{"statusCode","type","value"}</c>.</param>
/// <param name="Command">The command the clicked button sent (for failure messages).</param>
internal sealed record InvokeAnswer(HttpStatusCode Status, JsonObject Body, string Command)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";

    /// <summary>The invoke response's own <c>statusCode</c>.</summary>
    public int? StatusCode => Body["statusCode"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;

    /// <summary>The invoke response's <c>type</c>.</summary>
    public string? Type => Body["type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : null;

    /// <summary>The replacement card, when the answer is one.</summary>
    public JsonObject? Card => Type == CardType ? Body["value"] as JsonObject : null;

    /// <summary>The message text, when the answer is one.</summary>
    public string? Message => Type == MessageType && Body["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    public override string ToString() => $"{Command}: HTTP {(int)Status} {Body.ToJsonString()}";
}
