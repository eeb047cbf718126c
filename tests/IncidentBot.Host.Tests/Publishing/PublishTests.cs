using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using IncidentBot.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IncidentBot.Host.Tests.Publishing;

/// <summary>
/// Ship it: <c>dotnet publish src/IncidentBot.Host -c Release</c> (framework-dependent, no runtime identifier) into a
/// temporary folder, then <c>dotnet incidentbot.dll</c> from there, as the systemd unit runs it, in Production with only
/// a listen address, a database file and the runbooks: it becomes ready, and SIGTERM stops it with exit code 0.
/// </summary>
/// <remarks>
/// The publish builds into its own <c>--artifacts-path</c> under the temporary folder (every project's <c>obj</c> and
/// <c>bin</c>, restore output included), so it never writes to the <c>src/*/bin</c> and <c>obj</c> folders a
/// concurrent <c>dotnet build</c> or <c>dotnet test</c> of the solution uses. Restore runs (a clean clone has no
/// assets there) but needs no network: every package is already in the local NuGet cache after the solution's build.
/// </remarks>
[Trait("Category", "EndToEnd")]
public sealed class PublishTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WholeTest = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private const int SigTerm = 15;

    [Fact]
    public async Task Publish_ThenRunThePublishedDll_BecomesReadyInProduction_AndStopsCleanlyOnSigterm()
    {
        using var bounded = new CancellationTokenSource(WholeTest);
        var folder = Directory.CreateTempSubdirectory("incidentbot-publish-").FullName;
        try
        {
            // Act 1: publish.
            var publish = Path.Combine(folder, "publish");
            var (code, log) = await RunToEndAsync(Dotnet(RepositoryRoot.Path, "publish", Path.Combine("src", "IncidentBot.Host"),
                "-c", "Release", "-o", publish, "--artifacts-path", Path.Combine(folder, "artifacts"),
                "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:RestoreIgnoreFailedSources=true"), bounded.Token);
            Assert.True(code == 0, $"dotnet publish exited with {code}:\n{log}");
            var dll = Path.Combine(publish, "incidentbot.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing after the publish:\n{log}");
            Assert.True(File.Exists(Path.Combine(publish, "incidentbot.runtimeconfig.json")), "no runtimeconfig.json: not a framework-dependent publish");
            Assert.True(File.Exists(Path.Combine(publish, "appsettings.json")), "appsettings.json was not published");

            // Act 2: run it as the systemd unit does (no arguments), in Production.
            var port = FreePort.Next();
            var info = Dotnet(publish, dll);
            foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                                                                 || k == "DOTNET_ENVIRONMENT").ToList())
                info.Environment.Remove(key);
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["Storage__DatabasePath"] = Path.Combine(folder, "data", "incidentbot.db");
            info.Environment["Runbooks__Directory"] = RepositoryRoot.Combine("runbooks");
            var bot = new StringBuilder();
            using var process = Start(info, bot);
            try
            {
                await WaitUntilReadyAsync(process, port, bot, bounded.Token);

                // Act 3: SIGTERM, the signal systemd stops it with.
                Assert.Equal(0, Kill(process.Id, SigTerm));
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token);
                stopping.CancelAfter(StopTimeout);
                await process.WaitForExitAsync(stopping.Token);

                // Assert: a clean exit.
                Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{Text(bot)}");
            }
            catch (Exception ex) when (ex is not XunitException)
            {
                throw new XunitException($"{ex.GetType().Name}: {ex.Message}\n--- bot output ---\n{Text(bot)}", ex);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                output.WriteLine(Text(bot));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing a test for.
            }
        }
    }

    private static async Task WaitUntilReadyAsync(Process process, int port, StringBuilder bot, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the published bot exited with {(process.HasExited ? process.ExitCode : 0)} before it was ready:\n{Text(bot)}");
            try
            {
                using var response = await http.GetAsync("healthz/ready", cancellationToken);
                if ((int)response.StatusCode == 200) return;
                last = $"/healthz/ready answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "/healthz/ready timed out";
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new XunitException($"not ready within {ReadyTimeout.TotalSeconds:0} s ({last}):\n{Text(bot)}");
    }

    /// <summary><c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>, without the variables
    /// the test run's own MSBuild hands down (they would point the nested build at the outer one's state).</summary>
    private static ProcessStartInfo Dotnet(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                                                             || k.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return info;
    }

    private static Process Start(ProcessStartInfo info, StringBuilder sink)
    {
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(sink, e.Data);
        process.ErrorDataReceived += (_, e) => Append(sink, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs to the end (killed when <paramref name="cancellationToken"/> fires); the exit code and the output.</summary>
    private static async Task<(int Code, string Output)> RunToEndAsync(ProcessStartInfo info, CancellationToken cancellationToken)
    {
        var sink = new StringBuilder();
        using var process = Start(info, sink);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish in time:\n{Text(sink)}");
        }
        return (process.ExitCode, Text(sink));
    }

    private static void Append(StringBuilder sink, string? line)
    {
        if (line is null) return;
        lock (sink) sink.AppendLine(line);
    }

    private static string Text(StringBuilder sink)
    {
        lock (sink) return sink.ToString();
    }

    // The SDK sets DOTNET_HOST_PATH for test runs; fall back to the muxer on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    // .NET has no API for SIGTERM; Process.Kill always sends SIGKILL.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
