using IncidentBot.TestSupport;
using System.Diagnostics;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// Runs the real <c>incidentbot</c> executable once, to its exit, and returns the exit code with standard output and
/// error (for start-up failures and the command line). Unlike <see cref="BotProcess"/> it never waits for health.
/// </summary>
internal static class BotRun
{
    /// <summary>How long a run may take before it counts as "did not exit" (a server that started by mistake).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>incidentbot.dll</c> with <paramref name="args"/> in Production unless <paramref name="environment"/> says
    /// otherwise; the runbooks are the shipped ones. Kills it and fails if it does not exit within <see cref="Timeout"/>.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "incidentbot.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" }) info.Environment.Remove(name);
        info.Environment["Runbooks__Directory"] = RepoPaths.Runbooks;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"incidentbot {string.Join(' ', args)} did not exit within {Timeout.TotalSeconds:0} s.\n{await output}\n{await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The non-empty lines of <paramref name="text"/>.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Fails when <paramref name="text"/> holds a stack frame or an unhandled-exception banner.</summary>
    public static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\.\S+\(", text);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
