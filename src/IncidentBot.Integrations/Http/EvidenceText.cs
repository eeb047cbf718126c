using IncidentBot.Core.Execution;

namespace IncidentBot.Integrations.Http;

/// <summary>Turns a response body into evidence: redacted, then cut to one bounded line.</summary>
internal static class EvidenceText
{
    /// <summary>How much of a response body a summary keeps.</summary>
    public const int ResponseChars = 300;

    /// <summary>The first <see cref="ResponseChars"/> characters of the redacted body (<see cref="SecretRedactor.RedactedStart"/>), on one line.</summary>
    public static string Excerpt(string body, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(redactor);
        return redactor.RedactedStart(body, ResponseChars).ReplaceLineEndings(" ").Trim();
    }
}
