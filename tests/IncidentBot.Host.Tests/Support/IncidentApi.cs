using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentBot.TestSupport;

namespace IncidentBot.Host.Tests.Support;

/// <summary>Drives an incident over the bot's console and incident API (works for <see cref="TestBot"/> and <see cref="BotProcess"/>).</summary>
internal static class IncidentApi
{
    /// <summary>Every wait on the bot is bounded by this.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Says <paramref name="text"/> as <paramref name="user"/> in the console; returns the reply.</summary>
    public static async Task<JsonElement> SayAsync(HttpClient http, string user, string text)
    {
        using var response = await http.PostAsJsonAsync("/api/console/messages", new { user, text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>Declares an incident on <see cref="TargetRunbooks"/>, triages it and has alice choose <paramref name="option"/>; returns its id.</summary>
    public static async Task<string> ChooseAsync(HttpClient http, string option)
    {
        var declared = await SayAsync(http, "alice", $"/incident declare Checkout errors sev2 service=target-api runbook={TargetRunbooks.Id}");
        Assert.True(declared.GetProperty("outcome").GetString() == "applied", declared.ToString());
        var id = declared.GetProperty("incidentId").GetString()!;
        await AppliedAsync(http, "alice", $"/incident triage {id} sev2 workflow");
        await AppliedAsync(http, "alice", $"/incident contain {id} {option}");
        return id;
    }

    /// <summary><see cref="ChooseAsync"/>, then bob approves: the containment runs.</summary>
    public static async Task<string> ApprovedAsync(HttpClient http, string option)
    {
        var id = await ChooseAsync(http, option);
        await AppliedAsync(http, "bob", $"/incident approve {id}");
        return id;
    }

    /// <summary>Says the command and asserts the engine applied it.</summary>
    public static async Task<JsonElement> AppliedAsync(HttpClient http, string user, string text)
    {
        var reply = await SayAsync(http, user, text);
        Assert.True(reply.GetProperty("outcome").GetString() == "applied", $"{text}: {reply}");
        return reply;
    }

    /// <summary><c>GET /api/incidents/{id}</c>: state and timeline (type, summary, time).</summary>
    public static async Task<JsonElement> GetAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/api/incidents/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static string State(this JsonElement incident) => incident.GetProperty("state").GetString()!;

    /// <summary>The timeline entries of one event type.</summary>
    public static List<JsonElement> Events(this JsonElement incident, string type) =>
        incident.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("type").GetString() == type).ToList();

    public static string Summary(this JsonElement timelineEntry) => timelineEntry.GetProperty("summary").GetString()!;

    public static DateTimeOffset Time(this JsonElement timelineEntry) => timelineEntry.GetProperty("time").GetDateTimeOffset();

    /// <summary>Polls the incident (every 100 ms, at most <see cref="Patience"/>) until <paramref name="done"/> holds; fails with the timeline otherwise.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient http, string id, Func<JsonElement, bool> done, string what, Func<string>? extra = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement incident;
        do
        {
            incident = await GetAsync(http, id);
            if (done(incident)) return incident;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{id}: not {what} within {Patience.TotalSeconds:0} s; state {incident.State()}:\n" +
                    string.Join('\n', incident.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type") + ": " + e.Summary())) +
                    (extra is null ? "" : "\n" + extra()));
        return incident;
    }

    /// <summary>Waits until the incident is in <paramref name="state"/> (camelCase, as the API writes it).</summary>
    public static Task<JsonElement> WaitForStateAsync(HttpClient http, string id, string state, Func<string>? extra = null) =>
        WaitForAsync(http, id, i => i.State() == state, "in " + state, extra);

    /// <summary>The incident's current card, as <c>/incident status</c> shows it.</summary>
    public static async Task<JsonElement> CardAsync(HttpClient http, string id)
    {
        var reply = await SayAsync(http, "alice", $"/incident status {id}");
        return reply.GetProperty("replies")[0].GetProperty("card");
    }

    /// <summary>The labels of a card's buttons.</summary>
    public static List<string> ButtonLabels(this JsonElement card) =>
        card.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("label").GetString()!).ToList();
}
