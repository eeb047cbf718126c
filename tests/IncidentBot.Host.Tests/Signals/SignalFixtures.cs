using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>The docs example payload, and what a bot has stored (to prove a refusal changed nothing).</summary>
internal static class SignalFixtures
{
    public const string AlertmanagerPath = "/api/signals/alertmanager";
    public const string GenericPath = "/api/signals";

    /// <summary>A fresh copy of Fixtures/alertmanager-docs-example.json, to adapt per test.</summary>
    public static JsonObject DocsExample() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "IncidentBot.Host.Tests", "Signals", "Fixtures", "alertmanager-docs-example.json")))!.AsObject();

    /// <summary>Posts the docs example to a running bot (a separate process or an in-memory one) and returns the incident
    /// it declared; fails the test when the bot did not declare one.</summary>
    public static async Task<string> DeclareFromDocsExampleAsync(HttpClient http)
    {
        using var content = new StringContent(DocsExample().ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(AlertmanagerPath.TrimStart('/'), content);
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.IsSuccessStatusCode, $"POST {AlertmanagerPath} answered {(int)response.StatusCode}: {body}");
        using var result = System.Text.Json.JsonDocument.Parse(body);
        Xunit.Assert.Equal("declared", result.RootElement.GetProperty("outcome").GetString());
        return result.RootElement.GetProperty("incidentId").GetString()!;
    }

    public static Task<HttpResponseMessage> PostAsync(TestBot bot, string path, JsonNode body) =>
        bot.Http.PostAsync(path, Json.Raw(body.ToJsonString()));

    /// <summary>(incidents, events in every stream).</summary>
    public static async Task<(int Incidents, int Events)> CountAsync(TestBot bot)
    {
        var incidents = await bot.App.Services.GetRequiredService<IIncidentReadModel>().ListIncidentsAsync(true, CancellationToken.None);
        var events = 0;
        await foreach (var _ in bot.App.Services.GetRequiredService<IEvidenceStore>().ReadAllAsync(CancellationToken.None)) events++;
        return (incidents.Count, events);
    }

    /// <summary>The SignalReceived events of an incident, in order.</summary>
    public static async Task<IReadOnlyList<SignalReceived>> SignalsOfAsync(TestBot bot, string incidentId)
    {
        var events = await bot.App.Services.GetRequiredService<IEvidenceStore>().ReadStreamAsync(incidentId, CancellationToken.None);
        return events.Select(e => EventCodec.Deserialize(e.Type, e.PayloadJson)).OfType<SignalReceived>().ToList();
    }
}
