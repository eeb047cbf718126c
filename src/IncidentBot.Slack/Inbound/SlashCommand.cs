namespace IncidentBot.Slack.Inbound;

/// <summary>A slash command invocation (docs.slack.dev "Implementing slash commands"), the fields the bot uses.</summary>
/// <param name="UserId">Who typed it (<c>user_id</c>).</param>
/// <param name="ChannelId">Where (<c>channel_id</c>).</param>
/// <param name="Command">The command, e.g. <c>/incident</c>.</param>
/// <param name="Text">Everything after the command (may be empty).</param>
/// <param name="TriggerId">Single-use id valid 3 seconds; also the invocation's identity.</param>
/// <param name="TeamId">Workspace, when sent.</param>
/// <param name="EnterpriseId">Enterprise org, when the workspace is in one.</param>
/// <param name="IsEnterpriseInstall">True for an org-level install (<c>is_enterprise_install=true</c>).</param>
public sealed record SlashCommand(string UserId, string ChannelId, string Command, string Text, string? TriggerId,
    string? TeamId = null, string? EnterpriseId = null, bool IsEnterpriseInstall = false)
{
    /// <summary>Parses a form-encoded slash command body. <c>user_id</c> and <c>channel_id</c> are required.</summary>
    public static Parsed<SlashCommand> Parse(ReadOnlySpan<byte> body)
    {
        var form = SlackForm.Parse(body);
        var user = SlackForm.Single(form, "user_id");
        var channel = SlackForm.Single(form, "channel_id");
        if (user is null || channel is null)
            return Parsed<SlashCommand>.Failure("Not a slash command: user_id and channel_id are required (form-encoded, once each).");
        var text = form.TryGetValue("text", out var t) && t.Count == 1 ? t[0] ?? "" : "";
        return Parsed<SlashCommand>.Success(new SlashCommand(user, channel, SlackForm.Single(form, "command") ?? "", text,
            SlackForm.Single(form, "trigger_id"), SlackForm.Single(form, "team_id"), SlackForm.Single(form, "enterprise_id"),
            string.Equals(SlackForm.Single(form, "is_enterprise_install"), "true", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>True for Slack's <c>ssl_check=1</c> probe, which only needs a 200.</summary>
    public static bool IsSslCheck(ReadOnlySpan<byte> body) => SlackForm.Single(SlackForm.Parse(body), "ssl_check") == "1";
}
