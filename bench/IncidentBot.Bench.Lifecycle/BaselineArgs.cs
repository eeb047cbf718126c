namespace IncidentBot.Bench.Lifecycle;

/// <summary>Takes <c>--baseline &lt;commit&gt;</c> out of the command line; the rest goes to BenchmarkDotNet, with
/// <c>--filter *</c> added when it names no benchmarks, so a plain run runs everything instead of asking.</summary>
public static class BaselineArgs
{
    /// <summary>The requested baseline commit (null when not given) and the arguments left for BenchmarkDotNet.</summary>
    public static (string? Commit, string[] Remaining) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = Array.IndexOf(args, "--baseline");
        if (i >= 0 && i + 1 >= args.Length) throw new ArgumentException("--baseline needs a commit.", nameof(args));
        var commit = i < 0 ? null : args[i + 1];
        string[] rest = i < 0 ? args : [.. args[..i], .. args[(i + 2)..]];
        return (commit, rest.Any(SelectsBenchmarks) ? rest : ["--filter", "*", .. rest]);
    }

    private static bool SelectsBenchmarks(string arg) =>
        arg is "--filter" or "-f" or "--list" or "--help" or "-h" or "--info" or "--version" or "--allCategories" or "--anyCategories";
}
