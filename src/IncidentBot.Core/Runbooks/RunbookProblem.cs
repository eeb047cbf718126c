namespace IncidentBot.Core.Runbooks;

/// <summary>
/// One thing wrong with a runbook file, at a 1-based line and column, printed the way compilers print errors
/// (<c>file:line:column: message</c>) so editors and CI logs link straight to it.
/// </summary>
/// <param name="File">The file (or source path) the problem is in.</param>
/// <param name="Line">1-based line; 0 when the problem is about the file or directory as a whole.</param>
/// <param name="Column">1-based column; 0 when the problem is about the file or directory as a whole.</param>
/// <param name="Message">What is wrong and, where possible, what was expected.</param>
public sealed record RunbookProblem(string File, int Line, int Column, string Message)
{
    /// <summary><c>file:line:column: message</c>, or <c>file: message</c> when there is no position.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
