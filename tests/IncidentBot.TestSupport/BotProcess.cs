using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace IncidentBot.TestSupport;

/// <summary>
/// The real bot, <c>incidentbot serve</c>, as a child process on a loopback port with its own SQLite file in a
/// temporary folder. Unlike <c>WebApplicationFactory</c> this runs the program exactly as an operator does, so a
/// test can kill it (SIGKILL, mid-traffic) and start it again on the same database file and the same port.
/// </summary>
/// <remarks>
/// Standard output and error are kept (the last <see cref="OutputLimit"/> characters) for failure messages.
/// Disposing kills the process if it still runs and deletes the temporary folder.
/// </remarks>
public sealed class BotProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="StartAsync"/> waits for <c>GET /healthz</c> to answer 200.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="StopAsync"/> waits after SIGTERM before it kills.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    const int OutputLimit = 200_000;
    const int SigTerm = 15;

    readonly object gate = new();
    readonly StringBuilder output = new();
    readonly IReadOnlyDictionary<string, string> extraEnvironment;
    Process? process;
    int starts;

    /// <param name="environment">Extra environment variables for the bot (configuration overrides such as
    /// <c>Section__Key</c>); they win over the defaults set here.</param>
    public BotProcess(IReadOnlyDictionary<string, string>? environment = null)
    {
        extraEnvironment = environment ?? new Dictionary<string, string>();
        DataDirectory = Directory.CreateTempSubdirectory("incidentbot-e2e-").FullName;
        DatabasePath = System.IO.Path.Combine(DataDirectory, "bot.db");
        Port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Temporary folder of this bot; deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>The SQLite file (<c>Storage__DatabasePath</c>); the same across restarts.</summary>
    public string DatabasePath { get; }

    /// <summary>Loopback port; the same across restarts, so an open page keeps talking to the new process.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client with <see cref="BaseAddress"/> set.</summary>
    public HttpClient Http { get; }

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>What the bot printed so far, over all its starts.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Creates a bot on a fresh database and starts it.</summary>
    public static async Task<BotProcess> StartNewAsync(
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var bot = new BotProcess(environment);
        try
        {
            await bot.StartAsync(cancellationToken);
            return bot;
        }
        catch (Exception)
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the bot (again) and returns once <c>/healthz</c> answers 200. Throws, with the bot's output, if the
    /// process exits first or does not become healthy within <see cref="StartTimeout"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The bot is already running.");
        }

        var dll = System.IO.Path.Combine(AppContext.BaseDirectory, "incidentbot.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; the test project must reference IncidentBot.Host.");
        }

        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "serve", "--urls", BaseAddress.GetLeftPart(UriPartial.Authority) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Storage__DatabasePath"] = DatabasePath;
        info.Environment["Runbooks__Directory"] = System.IO.Path.Combine(RepositoryRoot.Path, "runbooks");
        info.Environment["Demo__SeedChanges"] = "false"; // tests record the change history they need themselves
        // Claims renewed while work runs; short leases so work a killed bot had claimed is taken up soon after a restart.
        info.Environment["Outbox__Lease"] = "00:00:02";
        info.Environment["Console__Delivery__Lease"] = "00:00:02";
        info.Environment["Console__Delivery__PollInterval"] = "00:00:00.100";
        // The shipped runbooks' http steps and checks reach "real systems" through Executors:Settings; in Development
        // the bot points them at its own practice service on the port it listens on, so nothing is set here.
        foreach (var name in new[] { "deploy_url", "control_url", "prometheus_url", "health_url" })
        {
            info.Environment.Remove("Executors__Settings__" + name);
        }
        foreach (var (key, value) in extraEnvironment)
        {
            info.Environment[key] = value;
        }

        var start = ++starts;
        Append($"--- start #{start}: {info.FileName} {string.Join(' ', info.ArgumentList)}");
        var child = new Process { StartInfo = info, EnableRaisingEvents = true };
        child.OutputDataReceived += (_, e) => Append(e.Data);
        child.ErrorDataReceived += (_, e) => Append(e.Data is null ? null : "[stderr] " + e.Data);
        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        process = child;

        await WaitUntilHealthyAsync(child, cancellationToken);
    }

    /// <summary>Kills the bot with SIGKILL (no shutdown hooks run) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (process is not { } child || child.HasExited)
        {
            return;
        }

        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        Append($"--- killed (exit {child.ExitCode})");
    }

    /// <summary>Stops the bot gracefully (SIGTERM, the host's normal shutdown); kills it after <see cref="StopTimeout"/>.</summary>
    public async Task StopAsync()
    {
        if (process is not { } child || child.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && Kill(child.Id, SigTerm) == 0)
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await child.WaitForExitAsync(timeout.Token);
                Append($"--- stopped (exit {child.ExitCode})");
                return;
            }
            catch (OperationCanceledException)
            {
                Append("--- did not stop within the timeout; killing");
            }
        }

        await KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }

    async Task WaitUntilHealthyAsync(Process child, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (child.HasExited)
            {
                throw new InvalidOperationException(
                    $"The bot exited with code {child.ExitCode} before it was healthy.\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync("healthz", cancellationToken);
                if ((int)response.StatusCode == 200)
                {
                    return;
                }

                last = $"/healthz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "/healthz timed out";
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException(
            $"The bot was not healthy within {StartTimeout.TotalSeconds:0} s ({last}).\n{Output}");
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
            if (output.Length > OutputLimit)
            {
                output.Remove(0, output.Length - OutputLimit);
            }
        }
    }

    // The SDK sets DOTNET_HOST_PATH for test runs; fall back to the muxer on PATH.
    static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : "dotnet";

    // .NET has no API for SIGTERM; Process.Kill always sends SIGKILL.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
