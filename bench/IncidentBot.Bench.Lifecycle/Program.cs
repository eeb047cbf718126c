using BenchmarkDotNet.Running;
using IncidentBot.Bench.Lifecycle;

// dotnet run -c Release --project bench/IncidentBot.Bench.Lifecycle -- [--baseline <commit>] [BenchmarkDotNet args]
var (requested, bdnArgs) = BaselineArgs.Split(args);
var baselineBuild = await BaselineBuild.ForRepositoryOfAsync(AppContext.BaseDirectory, CancellationToken.None);
var commit = await baselineBuild.ResolveCommitAsync(requested, CancellationToken.None);
Console.WriteLine($"Baseline: today's table at {commit}");
var baselineDll = await baselineBuild.BuildAsync(commit, CancellationToken.None);
Console.WriteLine($"Baseline IncidentBot.Core: {baselineDll}");

// The job carries the path to BenchmarkDotNet's child processes; this process keeps it too, for --inProcess runs
// and for jobs given on the command line.
Environment.SetEnvironmentVariable(LegacyLifecycleApi.PathVariable, baselineDll);
var summaries = BenchmarkSwitcher.FromTypes([typeof(DecisionBenchmarks), typeof(FoldBenchmarks)])
    .Run(bdnArgs, BenchConfig.Create(baselineDll));
return TargetSummary.Print(summaries, Console.Out) ? 0 : 1;
