using System.Net;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Console;

/// <summary>The console API validates its input, finds the incident from the thread, and can be switched off.</summary>
public sealed class ConsoleEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData("{\"user\": \"alice\", \"text\": ")]
    [InlineData("plain text")]
    [InlineData("{\"user\": 7, \"text\": \"/incident list\"}")]
    [InlineData("{\"text\": \"/incident declare Fake sev1 runbook=ai-assistant-drift\"}")]
    [InlineData("{\"user\": \"  \", \"text\": \"/incident declare Fake sev1 runbook=ai-assistant-drift\"}")]
    [InlineData("{\"user\": \"alice\"}")]
    [InlineData("{\"user\": \"alice\", \"text\": \"/incident declare Fake sev1 runbook=ai-assistant-drift\", \"thread\": \"general\"}")]
    [InlineData("{\"user\": \"alice\", \"text\": \"/incident declare Fake sev1 runbook=ai-assistant-drift\", \"thread\": \"INC-1; DROP TABLE events\"}")]
    public async Task PostMessage_Malformed_Is400WithErrorAndStoresNothing(string json)
    {
        using var response = await bot.Http.PostAsync("/api/console/messages", Json.Raw(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
        Assert.Equal(0, await EventCountAsync());
    }

    [Fact]
    public async Task PostMessage_BodyOver64KiB_Is413WithErrorAndStoresNothing()
    {
        var text = "/incident declare " + new string('x', 70 * 1024) + " runbook=ai-assistant-drift";

        using var response = await Json.PostAsync(bot.Http, "/api/console/messages", new { user = "alice", text });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
        Assert.Equal(0, await EventCountAsync());
    }

    [Fact]
    public async Task PostMessage_NotJsonContentType_Is400WithError()
    {
        using var response = await bot.Http.PostAsync("/api/console/messages", new StringContent("user=alice", System.Text.Encoding.UTF8, "text/plain"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, response.StatusCode.ToString());
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
        Assert.Equal(0, await EventCountAsync());
    }

    [Fact]
    public async Task PostMessage_ThreadWithoutIdInText_SelectsTheThreadsIncident()
    {
        var first = await bot.DeclareAsync("First");
        var second = await bot.DeclareAsync("Second");

        var reply = await bot.SayAsync("alice", "/incident triage sev1 prompt", thread: first.ToLowerInvariant());

        Assert.Equal("applied", reply.Outcome());
        Assert.Equal(first, reply.GetProperty("incidentId").GetString());
        Assert.Equal("sev1", await SeverityOfAsync(first));
        Assert.Equal("sev2", await SeverityOfAsync(second));
    }

    [Fact]
    public async Task PostMessage_ExplicitIdInText_WinsOverTheThread()
    {
        var first = await bot.DeclareAsync("First");
        var second = await bot.DeclareAsync("Second");

        var reply = await bot.SayAsync("alice", $"/incident note {second} from the other thread", thread: first);

        Assert.Equal(second, reply.GetProperty("incidentId").GetString());
    }

    [Fact]
    public async Task PostMessage_NoThreadAndNoId_AsksWhichIncident()
    {
        await bot.DeclareAsync();

        var reply = await bot.SayAsync("alice", "/incident triage sev1");

        Assert.Equal(("answered", "Which incident?"), (reply.Outcome(), reply.CardTitle()));
    }

    [Fact]
    public async Task PostMessage_SameDeliveryIdTwice_AppliesOnce()
    {
        var id = await bot.DeclareAsync();

        var first = await bot.SayAsync("alice", "/incident note once", thread: id, deliveryId: "click-1");
        var second = await bot.SayAsync("alice", "/incident note once", thread: id, deliveryId: "click-1");

        Assert.Equal(("applied", "duplicate"), (first.Outcome(), second.Outcome()));
        Assert.Equal(2, await EventCountAsync());
    }

    [Fact]
    public async Task GetPeople_ListsConfiguredPeople()
    {
        using var response = await bot.Http.GetAsync("/api/console/people");

        var ids = (await Json.ReadAsync(response)).EnumerateArray().Select(p => p.GetProperty("id").GetString());
        Assert.Equal(["alice", "bob", "carol", "dave"], ids);
    }

    private async Task<long> EventCountAsync()
    {
        var store = bot.App.Services.GetRequiredService<IEvidenceStore>();
        var n = 0L;
        await foreach (var _ in store.ReadAllAsync(CancellationToken.None)) n++;
        return n;
    }

    private async Task<string?> SeverityOfAsync(string id)
    {
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
        var severity = (await Json.ReadAsync(response)).GetProperty("severity");
        return severity.ValueKind == System.Text.Json.JsonValueKind.Null ? null : severity.GetString();
    }
}
