using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace IncidentBot.Bench;

/// <summary>
/// One server under test in its own process: this executable re-invoked with <c>--serve</c> (see
/// <see cref="ServeOptions"/>), ready when it prints <c>READY {url}</c>. Its own CPU time and peak RSS are read from
/// <c>/proc/{pid}</c>, so each figure belongs to that server alone, not to the load generator or the Slack stand-in.
/// Children run with server GC, as the ASP.NET host (Web SDK) does in production.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private readonly Process process;
    private readonly BenchFolder? ownFolder;
    private readonly Queue<string> lastLines = new();

    private ServerProcess(Process process, BenchFolder? ownFolder) => (this.process, this.ownFolder) = (process, ownFolder);

    /// <summary>A client for the server, allowing as many connections as the load asks for.</summary>
    public HttpClient Client { get; private set; } = null!;

    public int Pid => process.Id;

    /// <summary>
    /// Starts <paramref name="kind"/> and waits until it is ready: on a fresh database in a temporary folder it deletes
    /// when disposed, or on the database already in <paramref name="folder"/> (left in place).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string kind, Uri? slack = null, int incidents = 20, int events = 0, bool channelPerIncident = false,
        string? folder = null, BotStorage? storage = null, bool telemetry = true, IReadOnlyDictionary<string, string>? environment = null)
    {
        var ownFolder = folder is null ? BenchFolder.Create() : null;
        folder ??= ownFolder!.Path;
        var options = new ServeOptions(kind, 0, Path.Combine(folder, kind + ".db"), slack, incidents, events, channelPerIncident, storage, telemetry);
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        info.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in options.ToArgs()) info.ArgumentList.Add(a);
        foreach (var (name, value) in HostRuntimeSettings()) info.Environment[name] = value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        if (storage?.ConnectionString is { } connectionString) info.Environment[BotStorage.ConnectionStringVariable] = connectionString;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + kind);
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ServerProcess(process, ownFolder);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith(ServeMode.ReadyPrefix, StringComparison.Ordinal)) ready.TrySetResult(new Uri(e.Data[ServeMode.ReadyPrefix.Length..]));
            else server.Remember(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) server.Remember(e.Data);
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"{kind} exited before it was ready:\n{server.Tail()}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri url;
        try
        {
            url = await ready.Task.WaitAsync(ReadyTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 512 };
        server.Client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        return server;
    }

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime() => ProcCpu.Of(Pid);

    /// <summary>Peak resident set (VmHWM) in MB: since <see cref="ResetPeak"/> when that worked, else since start.</summary>
    public double PeakRssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }

    /// <summary>Resets VmHWM to the current RSS (writing 5 to clear_refs, Linux 4.0+), so the peak is the measured load's.</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Remember(string line)
    {
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 40) lastLines.Dequeue();
        }
    }

    private string Tail()
    {
        lock (lastLines) return string.Join('\n', lastLines);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        try
        {
            if (!process.HasExited)
            {
                await process.StandardInput.WriteLineAsync("STOP");
                await process.StandardInput.FlushAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        catch (IOException)
        {
            // The child already went away and closed its stdin.
        }
        process.Dispose();
        ownFolder?.Dispose();
    }

    /// <summary>Deletes a bench folder, leaving it behind when a file in it is still held open.</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is left behind.
        }
    }

    /// <summary>
    /// The runtime settings the real host runs with (its <c>incidentbot.runtimeconfig.json</c>, copied next to the
    /// bench: garbage collector, tiered PGO), as environment variables for every server, the baselines too, so each
    /// is measured under the runtime the bot ships with.
    /// </summary>
    private static IEnumerable<(string Name, string Value)> HostRuntimeSettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "incidentbot.runtimeconfig.json");
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: build the bench, which references the host.");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        (string Property, string Variable)[] known =
            [("System.GC.Server", "DOTNET_gcServer"), ("System.GC.Concurrent", "DOTNET_gcConcurrent"), ("System.Runtime.TieredPGO", "DOTNET_TieredPGO")];
        foreach (var (property, variable) in known)
            if (properties.TryGetProperty(property, out var value))
                yield return (variable, value.ValueKind == System.Text.Json.JsonValueKind.True ? "1" : "0");
    }
}
