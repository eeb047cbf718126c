using System.Net;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Health;

/// <summary>Reads <c>/healthz/ready</c> and its checks.</summary>
internal static class ReadyProbe
{
    /// <summary>Asks until the answer is <paramref name="expected"/> (the store check's answer is kept for a second, and
    /// a backlog takes its threshold to show), doing <paramref name="between"/> after each other answer; fails after
    /// 15 seconds naming the last body.</summary>
    public static async Task<JsonElement> WaitForAsync(TestBot bot, HttpStatusCode expected, Func<Task>? between = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await bot.Http.GetAsync("/healthz/ready");
            if (response.StatusCode == expected) return await Json.ReadAsync(response);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (between is not null) await between();
            await Task.Delay(50);
        }
        Assert.Fail($"/healthz/ready never answered {(int)expected}; last: {last}");
        return default;
    }

    /// <summary>The entry of check <paramref name="name"/>: its status and description.</summary>
    public static (string Status, string Description) Check(JsonElement body, string name)
    {
        var entry = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        return (entry.GetProperty("status").GetString()!, entry.GetProperty("description").GetString()!);
    }
}
