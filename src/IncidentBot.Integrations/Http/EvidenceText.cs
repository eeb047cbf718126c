namespace IncidentBot.Integrations.Http;

/// <summary>Turns a response body into evidence: one line, bounded. Secrets are the caller's job (<see cref="Core.Execution.SecretRedactor"/>), before the cut.</summary>
internal static class EvidenceText
{
    /// <summary>How much of a response body a summary keeps.</summary>
    public const int ResponseChars = 300;

    /// <summary>The first <see cref="ResponseChars"/> characters of a body, on one line.</summary>
    public static string Excerpt(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var cut = body.Length > ResponseChars ? body[..ResponseChars] + "…" : body;
        return cut.ReplaceLineEndings(" ").Trim();
    }
}
