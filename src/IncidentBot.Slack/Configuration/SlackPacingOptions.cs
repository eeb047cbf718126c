using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Slack.Configuration;

/// <summary>
/// How fast the bot writes to one Slack channel, so it stays inside Slack's limits instead of running into 429s
/// (which are still honoured when they come). Section <c>Slack:Pacing</c>. Slack allows about one message per second
/// per channel with short bursts, and limits <c>chat.update</c> too; each channel has its own budget for posts and one
/// for updates, refilled continuously.
/// </summary>
public sealed class SlackPacingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Slack:Pacing";

    /// <summary>Messages (<c>chat.postMessage</c>) per second per channel, sustained. Default 1.</summary>
    [Range(0.01, 10_000)]
    public double MessagesPerSecond { get; set; } = 1;

    /// <summary>Updates (<c>chat.update</c>) per second per channel, sustained. Default 1.</summary>
    [Range(0.01, 10_000)]
    public double UpdatesPerSecond { get; set; } = 1;

    /// <summary>
    /// The share of each rate the bot leaves unused, so calls that leave on schedule but reach Slack a little early or
    /// late (a busy machine, a slow network) still arrive inside the limit. Default 0.1: calls are spaced at 1.1 s when
    /// the rate is one per second.
    /// </summary>
    [Range(0, 0.9)]
    public double Headroom { get; set; } = 0.1;

    /// <summary>Calls of each kind a channel may make at once after being quiet, before the rate applies. Default 3.</summary>
    [Range(1, 1_000)]
    public int Burst { get; set; } = 3;
}
