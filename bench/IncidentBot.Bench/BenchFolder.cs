namespace IncidentBot.Bench;

/// <summary>A temporary folder of the run: deleted on dispose, or when a signal ends the run (<see cref="Interruption"/>).</summary>
internal sealed class BenchFolder : IDisposable
{
    private readonly IDisposable registration;

    private BenchFolder(string path)
    {
        Path = path;
        registration = Interruption.Register(() =>
        {
            ServerProcess.DeleteFolder(path);
            return Task.CompletedTask;
        });
    }

    public string Path { get; }

    public static BenchFolder Create() => new(Directory.CreateTempSubdirectory("incidentbot-bench-").FullName);

    public void Dispose()
    {
        registration.Dispose();
        ServerProcess.DeleteFolder(Path);
    }
}
