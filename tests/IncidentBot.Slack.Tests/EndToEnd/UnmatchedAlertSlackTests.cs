using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.EndToEnd;

/// <summary>With <c>Signals:AnnounceTo</c> naming Slack, an alert no runbook matches (the real-world HighValue payload)
/// is announced in the alerts channel on the general runbook, its start time and link on the card.</summary>
public sealed class UnmatchedAlertSlackTests : IAsyncLifetime
{
    private const string Channel = "C0ALERTS";
    private readonly SlackBot bot = new(() => new Dictionary<string, string?>
    {
        ["Slack:Delivery:PollInterval"] = "00:00:00.050",
        ["Signals:AnnounceTo"] = "console,slack",
        ["Signals:Conversations:slack"] = Channel,
    });

    public Task InitializeAsync() => bot.InitializeAsync();

    public Task DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task PostAlertmanager_UnmatchedRealWorldAlert_IsAnnouncedInTheSlackChannelWithStartAndLink()
    {
        // Act
        using var response = await bot.Http.PostAsync("/api/signals/alertmanager",
            new StringContent(Fixtures.Read("alertmanager-unmatched-highvalue.json"), Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("declared", result["outcome"]!.GetValue<string>());
        Assert.True(await SlackBot.EventuallyAsync(() => ThreadTranscript.Roots(bot.Slack, Channel).Count == 1, 30_000), "no Slack root in the alerts channel");
        var root = ThreadTranscript.Roots(bot.Slack, Channel)[0].Body.ToJsonString();
        Assert.Contains(result["incidentId"]!.GetValue<string>(), root, StringComparison.Ordinal);
        Assert.Contains("2026-11-22 03:40:00 UTC", root, StringComparison.Ordinal);
        Assert.Contains("prometheus.example.org:9090/graph", root, StringComparison.Ordinal);
        Assert.Contains("general@1#", root, StringComparison.Ordinal);
    }
}
