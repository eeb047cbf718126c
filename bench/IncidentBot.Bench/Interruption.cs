using System.Runtime.InteropServices;

namespace IncidentBot.Bench;

/// <summary>
/// What a signal (SIGINT, SIGTERM, SIGHUP) does to a run: the clean-ups registered here run, newest first, each
/// bounded, then the process ends with 128 + the signal's number. Without this a signal would end the run at once and
/// leave a PostgreSQL cluster and temporary folders behind; the bot nodes need nothing, as they stop when their
/// standard input closes.
/// </summary>
internal static class Interruption
{
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(60);
    private static readonly Lock Gate = new();
    private static readonly List<Func<Task>> Cleanups = [];
    private static List<PosixSignalRegistration>? registrations;

    /// <summary>Runs <paramref name="cleanup"/> if a signal ends the run before the returned handle is disposed.</summary>
    public static IDisposable Register(Func<Task> cleanup)
    {
        lock (Gate)
        {
            registrations ??= [.. new[] { (PosixSignal.SIGHUP, 1), (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15) }
                .Select(s => PosixSignalRegistration.Create(s.Item1, context =>
                {
                    // Not on this thread: it also reaps child processes, which the clean-ups wait for.
                    context.Cancel = true;
                    _ = Task.Run(() => EndAsync(128 + s.Item2));
                }))];
            Cleanups.Add(cleanup);
        }
        return new Handle(cleanup);
    }

    private static async Task EndAsync(int exitCode)
    {
        List<Func<Task>> pending;
        lock (Gate) pending = [.. Enumerable.Reverse(Cleanups)];
        foreach (var cleanup in pending)
        {
            try
            {
                await cleanup().WaitAsync(CleanupLimit);
            }
            catch (Exception e)
            {
                // Ending anyway: say what may be left behind and go on with the rest.
                await Console.Error.WriteLineAsync($"bench: a clean-up failed: {e.Message}");
            }
        }
        await Console.Error.WriteLineAsync("bench: interrupted; cleaned up");
        Environment.Exit(exitCode);
    }

    private sealed class Handle(Func<Task> cleanup) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Cleanups.Remove(cleanup);
        }
    }
}
