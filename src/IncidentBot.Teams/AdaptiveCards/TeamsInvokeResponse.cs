using System.Text.Json.Nodes;

namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// Bodies of the answer to an <c>adaptiveCard/action</c> invoke. The bot answers the invoke's HTTP request itself with
/// HTTP 200 and one of these bodies; its <c>statusCode</c> tells Teams what happened: a replacement card, a short
/// message, or an error (reference/PROTOCOLS.md §10).
/// </summary>
public static class TeamsInvokeResponse
{
    /// <summary>The <c>type</c> of a message answer.</summary>
    public const string MessageType = "application/vnd.microsoft.activity.message";

    /// <summary>The <c>type</c> of an error answer.</summary>
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Longest message or error text, in characters.</summary>
    public const int MaxText = 1000;

    /// <summary><c>{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":card}</c>: Teams replaces
    /// the clicked card with <paramref name="adaptiveCard"/> (copied, so the caller's node stays usable).</summary>
    public static JsonObject Card(JsonObject adaptiveCard)
    {
        ArgumentNullException.ThrowIfNull(adaptiveCard);
        return new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = AdaptiveCardLimits.ContentType,
            ["value"] = adaptiveCard.DeepClone(),
        };
    }

    /// <summary><c>{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":text}</c>: Teams shows
    /// the text briefly and keeps the card. The text is cleaned to one line and clipped to <see cref="MaxText"/>.</summary>
    public static JsonObject Message(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = MessageType,
            ["value"] = OneLine(text, "Done."),
        };
    }

    /// <summary><c>{"statusCode":400,"type":"application/vnd.microsoft.error","value":{"code":"BadRequest","message":…}}</c>.</summary>
    public static JsonObject Error(string message, string code = "BadRequest", int statusCode = 400)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        return new JsonObject
        {
            ["statusCode"] = statusCode,
            ["type"] = ErrorType,
            ["value"] = new JsonObject { ["code"] = code, ["message"] = OneLine(message, "The request was not understood.") },
        };
    }

    /// <summary>The 400 answer to a click <see cref="TeamsCardAction.Parse"/> refused.</summary>
    public static JsonObject Error(TeamsCardActionParse failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Ok) throw new ArgumentException("The click was read; there is no error to answer with.", nameof(failure));
        return Error(failure.Error ?? "The request was not understood.", failure.ErrorCode ?? "BadRequest");
    }

    private static string OneLine(string text, string fallback)
    {
        var line = TeamsText.Plain(text);
        return line.Length == 0 ? fallback : TeamsText.Clip(line, MaxText);
    }
}
