using System.Diagnostics;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// A small RAM file system (<c>mount -t tmpfs -o size=…</c>, which needs root) that a test can fill to the last byte
/// and free again: a real "disk full" (ENOSPC, SQLite's SQLITE_FULL) without touching the machine's disks.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private const string Filler = "filler.bin";

    private Tmpfs(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Why this machine cannot mount one (not root, no mount permission in the container), or null.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>Mounts a new tmpfs of <paramref name="bytes"/> on a new temporary folder.</summary>
    public static Tmpfs Mount(long bytes)
    {
        var folder = Directory.CreateTempSubdirectory("incidentbot-tmpfs-").FullName;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder);
        if (code != 0)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException($"mount failed ({code}): {error}");
        }
        return new Tmpfs(folder);
    }

    /// <summary>Writes a file until the file system has no byte left.</summary>
    public void Fill()
    {
        using var file = new FileStream(System.IO.Path.Combine(Path, Filler), FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { 64 * 1024, 4096, 512, 1 })
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(chunk);
                    file.Flush();
                }
            }
            catch (IOException)
            {
                // ENOSPC: try a smaller chunk, down to one byte.
            }
        }
    }

    /// <summary>Deletes what <see cref="Fill"/> wrote.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, Filler));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "tmpfs needs Linux.";
        try
        {
            using var probe = Mount(1024 * 1024);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "cannot mount a tmpfs here (" + e.Message.Trim() + "); run the tests as root in a container that allows mount.";
        }
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}

/// <summary>A fact that needs <see cref="Tmpfs"/>; skipped, saying why, where it cannot be mounted.</summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.Unavailable is { } why) Skip = why;
    }
}
