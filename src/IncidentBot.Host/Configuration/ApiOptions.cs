namespace IncidentBot.Host.Configuration;

/// <summary>HTTP API access. Section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>Keys accepted in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. Required for <c>/api</c> outside
    /// Development; empty (the default) closes <c>/api</c> there. Put them in the environment (<c>Api__Keys__0</c>), never in a committed file.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Whether <c>/api</c> is open without a key. Default: true in Development only.</summary>
    public bool? AllowAnonymous { get; set; }
}
