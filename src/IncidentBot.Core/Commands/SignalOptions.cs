namespace IncidentBot.Core.Commands;

/// <summary>Where incidents opened by signals are announced. Section <c>Signals</c>.</summary>
public sealed class SignalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Signals";

    /// <summary>Surface that announces them: <c>console</c> (the default), <c>slack</c> or <c>teams</c>.</summary>
    public string AnnounceTo { get; set; } = Evidence.Surfaces.Console;

    /// <summary>Conversation on that surface (a Slack channel id such as <c>C0123</c>); unused for the console.</summary>
    public string? Conversation { get; set; }
}
