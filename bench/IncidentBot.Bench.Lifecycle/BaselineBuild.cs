using System.Diagnostics;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// Builds the old IncidentBot.Core (the lifecycle as today's hand-written table) from git, so the baseline is the real
/// old code and not a copy of it: <c>git archive &lt;commit&gt; | tar -x</c> into a temp folder, then
/// <c>dotnet build src/IncidentBot.Core -c Release -o out</c> there. Cached by commit: a rerun does not rebuild.
/// </summary>
public sealed class BaselineBuild
{
    /// <summary>The file the old static table lived in; the new lifecycle moved it away (to <c>Incidents/Lifecycle/</c>).</summary>
    public const string OldLifecycleFile = "src/IncidentBot.Core/Incidents/IncidentLifecycle.cs";

    private readonly string repositoryRoot;
    private readonly string cacheRoot;

    /// <summary>Builds from the repository at <paramref name="repositoryRoot"/>, caching under <paramref name="cacheRoot"/>
    /// (default: <c>$TMPDIR/incidentbot-lifecycle-baseline</c>).</summary>
    public BaselineBuild(string repositoryRoot, string? cacheRoot = null)
    {
        this.repositoryRoot = repositoryRoot;
        this.cacheRoot = cacheRoot ?? Path.Combine(Path.GetTempPath(), "incidentbot-lifecycle-baseline");
    }

    /// <summary>The repository holding <paramref name="directory"/> (the bench's own output folder lives in it).</summary>
    public static async Task<BaselineBuild> ForRepositoryOfAsync(string directory, CancellationToken cancellationToken) =>
        new((await GitAsync(directory, cancellationToken, "rev-parse", "--show-toplevel")).Trim());

    /// <summary>
    /// The commit to measure against: <paramref name="requested"/> (<c>--baseline</c>) when given, else the parent of
    /// the commit that removed <see cref="OldLifecycleFile"/> (the last commit whose fold and decisions ran on the table).
    /// </summary>
    public async Task<string> ResolveCommitAsync(string? requested, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return (await GitAsync(repositoryRoot, cancellationToken, "rev-parse", "--verify", requested + "^{commit}")).Trim();
        var deletedBy = (await GitAsync(repositoryRoot, cancellationToken, "log", "--diff-filter=D", "--format=%H", "-1", "--", OldLifecycleFile)).Trim();
        if (deletedBy.Length > 0) return (await GitAsync(repositoryRoot, cancellationToken, "rev-parse", deletedBy + "^")).Trim();
        throw new InvalidOperationException($"No baseline found: no commit removed {OldLifecycleFile} (a shallow clone?). Pass --baseline <commit>.");
    }

    /// <summary>The path of the old IncidentBot.Core.dll built from <paramref name="commit"/> (built once per commit).</summary>
    public async Task<string> BuildAsync(string commit, CancellationToken cancellationToken)
    {
        var root = Path.Combine(cacheRoot, commit);
        var output = Path.Combine(root, "out");
        var dll = Path.Combine(output, "IncidentBot.Core.dll");
        if (File.Exists(dll)) return dll;

        var tree = Path.Combine(root, "tree");
        if (Directory.Exists(tree)) Directory.Delete(tree, recursive: true);
        Directory.CreateDirectory(tree);
        await RunAsync("sh", repositoryRoot, cancellationToken, "-c", $"git archive --format=tar {commit} | tar -x -C '{tree}'");
        if (!File.Exists(Path.Combine(tree, OldLifecycleFile)))
            throw new InvalidOperationException($"Commit {commit} has no {OldLifecycleFile}: it is not the table-based lifecycle. Pass --baseline <commit>.");
        await RunAsync("dotnet", tree, cancellationToken, "build", "src/IncidentBot.Core", "-c", "Release", "-o", output, "-nologo", "-v", "q");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The baseline build left no {dll}.");
    }

    private static Task<string> GitAsync(string directory, CancellationToken cancellationToken, params string[] args) =>
        RunAsync("git", directory, cancellationToken, args);

    private static async Task<string> RunAsync(string file, string directory, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        // `dotnet run` may hand MSBuild's own variables to this process; the nested build must start clean.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}) in {directory}:\n{stdout}\n{await stderr}");
        await stderr;
        return stdout;
    }
}
