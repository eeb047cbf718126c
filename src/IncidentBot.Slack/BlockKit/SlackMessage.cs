using System.Text.Json.Nodes;

namespace IncidentBot.Slack.BlockKit;

/// <summary>A message rendered for Slack: the plain-text fallback <c>text</c> and the Block Kit <c>blocks</c>.</summary>
/// <param name="Text">Notification and screen-reader fallback (always set, at most 4000 characters).</param>
/// <param name="Blocks">Block Kit blocks (at most 50), within every documented limit.</param>
public sealed record SlackMessage(string Text, JsonArray Blocks);
