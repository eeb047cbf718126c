using System.Net;
using System.Text.Json;

namespace IncidentBot.Host.Tests.Support;

/// <summary>Types into the local console over HTTP, as the console page does.</summary>
internal static class ConsoleChat
{
    public static async Task<JsonElement> SayAsync(this TestBot bot, string user, string text, string? thread = null, string? deliveryId = null)
    {
        using var response = await Json.PostAsync(bot.Http, "/api/console/messages", new { user, text, thread, deliveryId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static string Outcome(this JsonElement reply) => reply.GetProperty("outcome").GetString()!;

    public static string CardText(this JsonElement reply) => reply.GetProperty("replies")[0].GetProperty("card").GetProperty("text").GetString()!;

    public static string CardTitle(this JsonElement reply) => reply.GetProperty("replies")[0].GetProperty("card").GetProperty("title").GetString()!;

    /// <summary>Declares an incident on the drift runbook as alice and returns its id.</summary>
    public static async Task<string> DeclareAsync(this TestBot bot, string title = "Assistant promises refunds")
    {
        var reply = await bot.SayAsync("alice", $"/incident declare {title} sev2 service=support-assistant runbook=ai-assistant-drift");
        Assert.Equal("applied", reply.Outcome());
        return reply.GetProperty("incidentId").GetString()!;
    }
}
