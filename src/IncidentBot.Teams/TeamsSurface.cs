namespace IncidentBot.Teams;

/// <summary>Names the Teams surface uses in configuration and evidence.</summary>
public static class TeamsSurface
{
    /// <summary>The Bot Framework channel id of Microsoft Teams (<c>activity.channelId</c>).</summary>
    public const string ChannelId = "msteams";
}
