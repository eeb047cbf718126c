namespace IncidentBot.Core.Runbooks;

/// <summary>
/// The runbooks known to the bot, found by id or matched to an incoming signal. Immutable; reloading the directory
/// makes a new catalog, and incidents already running keep the runbook instance they were pinned to.
/// </summary>
public sealed class RunbookCatalog
{
    private readonly Dictionary<string, Runbook> _byId = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A catalog of <paramref name="runbooks"/>, in the order given.</summary>
    /// <exception cref="ArgumentException">Two runbooks share an id (ids compare case-insensitively).</exception>
    public RunbookCatalog(IEnumerable<Runbook> runbooks)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        var all = new List<Runbook>();
        foreach (var runbook in runbooks)
        {
            if (!_byId.TryAdd(runbook.Id, runbook))
            {
                throw new ArgumentException($"Two runbooks have the id '{runbook.Id}'.", nameof(runbooks));
            }
            all.Add(runbook);
        }
        All = all;
    }

    /// <summary>A catalog with no runbooks.</summary>
    public static RunbookCatalog Empty { get; } = new([]);

    /// <summary>Every runbook, in load order (file name order for <see cref="LoadDirectory"/>).</summary>
    public IReadOnlyList<Runbook> All { get; }

    /// <summary>The runbook with this id (case-insensitive), or null.</summary>
    public Runbook? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>
    /// The runbook for a signal. Label matches win: a runbook whose every <c>signal_labels</c> entry is present with
    /// the same value (ordinal) in <paramref name="labels"/> is chosen, the one matching the most labels first (then
    /// one that also lists the service, then load order). Otherwise the first runbook listing
    /// <paramref name="service"/> (case-insensitive). Otherwise null. A runbook with no signal labels never matches
    /// by labels.
    /// </summary>
    public Runbook? Match(string? service, IReadOnlyDictionary<string, string>? labels)
    {
        Runbook? best = null;
        (int Labels, bool Service) bestScore = (0, false);
        foreach (var runbook in All)
        {
            var wanted = runbook.AppliesTo.SignalLabels;
            if (labels is null || wanted.Count == 0 || !wanted.All(w => labels.TryGetValue(w.Key, out var v) && v == w.Value))
            {
                continue;
            }
            var score = (wanted.Count, ListsService(runbook, service));
            if (score.Count > bestScore.Labels || score.Count == bestScore.Labels && score.Item2 && !bestScore.Service)
            {
                best = runbook;
                bestScore = score;
            }
        }
        return best ?? All.FirstOrDefault(r => ListsService(r, service));
    }

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file directly in <paramref name="directory"/>, in ordinal file name
    /// order, collecting every problem of every file. A second file with an id already taken is a problem at its
    /// <c>id</c>. A missing directory or one without runbooks is a problem too: a bot without runbooks cannot help.
    /// </summary>
    public static RunbookCatalogLoadResult LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new(Empty, [new RunbookProblem(directory, 0, 0, "runbook directory not found")]);
        }
        var files = Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml"))
            .Where(f => Path.GetExtension(f) is ".yaml" or ".yml") // Windows' "*.yml" also matches "x.ymlx"
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            return new(Empty, [new RunbookProblem(directory, 0, 0, "no runbooks found (*.yaml, *.yml)")]);
        }

        var problems = new List<RunbookProblem>();
        var loaded = new Dictionary<string, Runbook>(StringComparer.OrdinalIgnoreCase);
        var runbooks = new List<Runbook>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new RunbookProblem(file, 0, 0, "cannot read the file: " + e.Message));
                continue;
            }
            var result = RunbookLoader.Load(text, file);
            problems.AddRange(result.Problems);
            if (result.Runbook is not { } runbook) continue;
            if (loaded.TryGetValue(runbook.Id, out var first))
            {
                problems.Add(new RunbookProblem(file, result.IdPosition.Line, result.IdPosition.Column,
                    $"duplicate runbook id '{runbook.Id}', already used by {first.SourcePath}"));
                continue;
            }
            loaded.Add(runbook.Id, runbook);
            runbooks.Add(runbook);
        }
        return new(new RunbookCatalog(runbooks), problems);
    }

    private static bool ListsService(Runbook runbook, string? service) =>
        !string.IsNullOrWhiteSpace(service)
        && runbook.AppliesTo.Services.Contains(service, StringComparer.OrdinalIgnoreCase);
}
