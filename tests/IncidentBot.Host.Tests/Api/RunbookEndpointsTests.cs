using System.Net;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>GET /api/runbooks shows each shipped runbook with its options' kind, layer, approval policy and step kinds.</summary>
public sealed class RunbookEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task GetRunbooks_ListsTheShippedRunbooks()
    {
        using var response = await bot.Http.GetAsync("/api/runbooks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await Json.ReadAsync(response)).EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order();
        Assert.Equal(["ai-assistant-drift", "general", "service-release"], ids);
    }

    [Fact]
    public async Task GetRunbooks_OptionShowsKindLayerApprovalAndStepKinds()
    {
        using var response = await bot.Http.GetAsync("/api/runbooks");

        var drift = (await Json.ReadAsync(response)).EnumerateArray().Single(r => r.GetProperty("id").GetString() == "ai-assistant-drift");
        var option = drift.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "rollback-prompt");
        Assert.Equal("rollback", option.GetProperty("kind").GetString());
        Assert.Equal("prompt", option.GetProperty("layer").GetString());
        var approval = option.GetProperty("approval");
        Assert.Equal(1, approval.GetProperty("required").GetInt32());
        Assert.Equal(["approvers"], approval.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(2, approval.GetProperty("bySeverity").GetProperty("sev1").GetInt32());
        Assert.True(approval.GetProperty("breakGlass").GetProperty("allowed").GetBoolean());
        Assert.Equal(["sev1"], approval.GetProperty("breakGlass").GetProperty("severities").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["http", "baseline", "manual"], option.GetProperty("stepKinds").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.String, drift.GetProperty("hash").ValueKind);
    }
}
