using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>The run's configuration: a short job (one launch, 3 warm-ups, 10 measured iterations) so the whole run
/// stays within a few minutes on a small machine, carrying the baseline dll's path to the child processes.</summary>
public static class BenchConfig
{
    /// <summary>The default configuration with the short job for the baseline at <paramref name="baselineDll"/>.
    /// BenchmarkDotNet arguments (<c>--job</c>, <c>--filter</c>…) still apply on top.</summary>
    public static IConfig Create(string baselineDll) =>
        DefaultConfig.Instance.AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithEnvironmentVariable(LegacyLifecycleApi.PathVariable, baselineDll)
            .AsDefault());
}
