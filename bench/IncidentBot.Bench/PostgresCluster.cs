using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace IncidentBot.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster for one bench run, started the way <c>./test.sh</c> starts the tests' one: Debian's
/// newest <c>/usr/lib/postgresql/*/bin</c>, <c>initdb</c> into a fresh folder under <c>/tmp</c> (short enough for the
/// unix socket, reachable by the owner), run as <c>postgres</c> through <c>runuser</c> when the bench runs as root,
/// listening on 127.0.0.1 only at a free port, its socket inside that folder, an admin role with a random password.
/// Only <c>max_connections</c> is raised (two nodes' pools); fsync, synchronous_commit and the rest keep PostgreSQL's
/// defaults, because durability is what is being measured. Stopped and deleted on dispose, and on SIGINT, SIGTERM
/// and SIGHUP too (<see cref="Interruption"/>), so an interrupted run leaves no server behind; only SIGKILL can.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    public const int MaxConnections = 250;
    private const string AdminUser = "incidentbot_admin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string bin;
    private readonly string? runAs;
    private readonly string folder;
    private IDisposable? interruption;
    private readonly Lock stopping = new();
    private Task? stop;
    private bool running;

    private PostgresCluster(string bin, string? runAs, string folder) => (this.bin, this.runAs, this.folder) = (bin, runAs, folder);

    /// <summary>Superuser connection string to the <c>postgres</c> database (holds the password; never print it).</summary>
    public string AdminConnectionString { get; private set; } = "";

    private string DataDirectory => Path.Combine(folder, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin() ?? throw new PostgresUnavailableException(
            "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): install Debian's postgresql, or give --postgres-admin");
        string? runAs = null;
        if (Environment.IsPrivilegedProcess)
        {
            if ((await RunAsync("id", ["-u", "postgres"], TimeSpan.FromSeconds(10))).Code != 0)
                throw new PostgresUnavailableException("running as root but there is no 'postgres' user to run PostgreSQL as");
            runAs = "postgres";
        }
        var folder = Path.Combine("/tmp", "incidentbot-bench-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(bin, runAs, folder);
        try
        {
            cluster.interruption = Interruption.Register(cluster.StopAsync);
            await cluster.InitialiseAndStartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU time the server has used so far: the postmaster, its backends and its background workers.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            var pid = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return ProcCpu.WithChildren(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task InitialiseAndStartAsync()
    {
        if (runAs is not null) Must(await RunAsync("chown", [runAs, folder], TimeSpan.FromSeconds(10)), "chown");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var pwfile = Path.Combine(folder, "pwfile");
        if (OperatingSystem.IsWindows()) throw new PostgresUnavailableException("a throwaway cluster needs Linux; give --postgres-admin");
        // Created readable by its owner only, never for a moment by anyone else.
        await using (var file = new FileStream(pwfile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(password + "\n"));
        }
        if (runAs is not null) Must(await RunAsync("chown", [runAs, pwfile], TimeSpan.FromSeconds(10)), "chown");
        Must(await AsOwnerAsync("initdb", ["-D", DataDirectory, "-U", AdminUser, "--pwfile=" + pwfile, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"]), "initdb");
        File.Delete(pwfile);
        // Another process may take the free port before the server binds it: then try another one.
        (int Code, string Output) last = (-1, "");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            last = await AsOwnerAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -h 127.0.0.1 -k {folder} -c max_connections={MaxConnections}", "start"]);
            if (last.Code != 0) continue;
            running = true;
            AdminConnectionString = $"Host=127.0.0.1;Port={port};Username={AdminUser};Password={password};Database=postgres";
            return;
        }
        var log = Path.Combine(folder, "server.log");
        throw new PostgresUnavailableException($"PostgreSQL did not start: {last.Output.Trim()}\n{(File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "")}");
    }

    /// <summary>Stops the server (fast, then immediate) and deletes its folder; once, from whichever path gets here first.</summary>
    private Task StopAsync()
    {
        // Whoever comes second (dispose after a signal, or the other way round) waits for the same stop.
        lock (stopping) return stop ??= StopOnceAsync();
    }

    private async Task StopOnceAsync()
    {
        if (running && (await AsOwnerAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"])).Code != 0)
            await AsOwnerAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        ServerProcess.DeleteFolder(folder);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        interruption?.Dispose();
    }

    private Task<(int Code, string Output)> AsOwnerAsync(string program, IEnumerable<string> args)
    {
        var path = Path.Combine(bin, program);
        return runAs is null ? RunAsync(path, args, CommandTimeout) : RunAsync("runuser", ["-u", runAs, "--", path, .. args], CommandTimeout);
    }

    private static void Must((int Code, string Output) result, string what)
    {
        if (result.Code != 0) throw new PostgresUnavailableException($"{what} failed ({result.Code}): {result.Output.Trim()}");
    }

    /// <summary>Runs a program to its end, at most <paramref name="timeout"/> (then kills it); its exit code and output.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new PostgresUnavailableException("could not start " + file);
        using var limit = new CancellationTokenSource(timeout);
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(limit.Token), process.StandardError.ReadToEndAsync(limit.Token));
        try
        {
            await process.WaitForExitAsync(limit.Token);
            var text = await output.WaitAsync(limit.Token);
            return (process.ExitCode, text[0] + text[1]);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            return (-1, $"{file} did not finish within {timeout.TotalSeconds:F0} s");
        }
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => d.Major >= 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
                .OrderByDescending(d => d.Major).Select(d => Path.Combine(d.Dir, "bin")).FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
