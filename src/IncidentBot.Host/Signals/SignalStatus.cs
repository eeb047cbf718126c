namespace IncidentBot.Host.Signals;

/// <summary>The two statuses a signal may have, as Alertmanager writes them.</summary>
internal static class SignalStatus
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    /// <summary>Null when <paramref name="status"/> is <c>firing</c> or <c>resolved</c>; otherwise what is wrong.</summary>
    public static string? Problem(string field, string? status) => status switch
    {
        Firing or Resolved => null,
        null => $"{field} is missing: it must be \"{Firing}\" or \"{Resolved}\".",
        _ => $"{field} \"{status}\" is not valid: it must be \"{Firing}\" or \"{Resolved}\".",
    };
}
