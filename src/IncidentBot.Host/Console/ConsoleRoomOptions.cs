using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Host.Console;

/// <summary>The console's shared room and its live stream (<c>GET /api/console/stream</c>). Section <c>Console:Room</c>.</summary>
public sealed class ConsoleRoomOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Console:Room";

    /// <summary>Room entries kept in memory for pages that reconnect or reload; older ones are only in the evidence log
    /// (a page whose cursor is older is told to reload its thread's history). Default 2,000.</summary>
    [Range(10, 100_000)]
    public int Capacity { get; set; } = 2_000;

    /// <summary>Streams open at the same time; one more is answered 503. Default 100.</summary>
    [Range(1, 10_000)]
    public int MaxStreams { get; set; } = 100;

    /// <summary>Entries waiting to be written to one stream. A client that falls this far behind is dropped (it
    /// reconnects from its last id), so a slow reader never grows the bot's memory. Default 256.</summary>
    [Range(1, 10_000)]
    public int BufferedEntries { get; set; } = 256;

    /// <summary>How often an idle stream sends a comment, so proxies keep it open and the page notices a dead
    /// connection (it reconnects after three missed heartbeats). Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
