namespace IncidentBot.Core.Execution;

/// <summary>
/// An unexpected failure of an executor or check, passed on with every secret redacted from its message (see
/// <see cref="SecretRedactor"/>). It deliberately carries no inner exception: the original's message, data or stack may
/// hold a rendered secret (a URL with a token), and whoever logs or stores the failure would print them.
/// </summary>
public sealed class RedactedException : Exception
{
    /// <summary>Wraps <paramref name="original"/>: its type name and redacted message, prefixed by <paramref name="what"/>.</summary>
    public RedactedException(string what, Exception original, SecretRedactor redactor)
        : base(Text(what, original, redactor))
    {
    }

    private static string Text(string what, Exception original, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(redactor);
        return redactor.Redact($"{what}: {original.GetType().Name}: {original.Message}");
    }
}
