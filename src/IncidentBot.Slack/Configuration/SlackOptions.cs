namespace IncidentBot.Slack.Configuration;

/// <summary>
/// Slack app settings. Section <c>Slack</c>. The secrets come from the environment (<c>Slack__SigningSecret</c>,
/// <c>Slack__BotToken</c>) or user secrets, never from a committed file. With neither set the Slack routes are not
/// mapped and the bot runs with the console only.
/// </summary>
public sealed class SlackOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Slack";

    /// <summary>Signing secret from the app's Basic Information page; verifies every inbound request. Required for Slack.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot token (<c>xoxb-…</c>) for the Web API. Required for Slack.</summary>
    public string? BotToken { get; set; }

    /// <summary>Web API base address. Default <c>https://slack.com/api/</c>; tests point it at a loopback stand-in.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How far a request's timestamp may be from now, either way. Default 5 minutes (Slack's replay window).</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time limit of one Web API call attempt. Default 10 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one Web API call on transport errors, 5xx and 429 before the outbox takes over. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Longest <c>Retry-After</c> honoured inside one call; longer waits go back to the outbox. Default 30 seconds.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when both secrets are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);
}
