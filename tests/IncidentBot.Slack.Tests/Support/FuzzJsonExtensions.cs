using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Fuzz bodies as JSON text, lone surrogates included (<see cref="HostileText.Json"/>).</summary>
internal static class FuzzJsonExtensions
{
    public static string ToFuzzJson(this JsonNode node) => HostileText.Json(node);
}
