using IncidentBot.TestSupport;

namespace IncidentBot.Host.Tests.Publishing;

/// <summary>The shipped systemd unit starts what <c>dotnet publish</c> produces, the way the host expects to be run.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string UnitPath = RepositoryRoot.Combine("deploy", "systemd", "incidentbot.service");

    [Fact]
    public void ExecStart_RunsThePublishedAssembly_WithTheDotnetHost()
    {
        var execStart = Values("ExecStart").Single();
        var parts = execStart.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // The published file name is the host's AssemblyName, read from the build output the tests run against.
        var published = Path.GetFileName(typeof(Program).Assembly.Location);
        Assert.Equal("incidentbot.dll", published);
        Assert.Equal(2, parts.Length);
        Assert.Equal("/usr/bin/dotnet", parts[0]);
        Assert.Equal(published, Path.GetFileName(parts[1]));
        Assert.Equal(Values("WorkingDirectory").Single(), Path.GetDirectoryName(parts[1]));
    }

    [Fact]
    public void Unit_RunsProductionAsItsOwnUser_SecretsFromAFile_StoppedBySigterm()
    {
        Assert.Equal("incidentbot", Values("User").Single());
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", Values("Environment"));
        Assert.Equal("/etc/incidentbot/env", Values("EnvironmentFile").Single());
        Assert.Equal("SIGTERM", Values("KillSignal").Single());
        Assert.Equal("on-failure", Values("Restart").Single());
        Assert.Equal("true", Values("NoNewPrivileges").Single());
        Assert.Equal("strict", Values("ProtectSystem").Single());
        // With ProtectSystem=strict the store's folder must be writable, and the database must be in it.
        var writable = Values("ReadWritePaths").Single();
        var database = Values("Environment").Single(e => e.StartsWith("Storage__DatabasePath=", StringComparison.Ordinal));
        Assert.StartsWith("Storage__DatabasePath=" + writable + "/", database, StringComparison.Ordinal);
        // No secret in the unit itself: they come from the EnvironmentFile.
        Assert.DoesNotContain(Values("Environment"), e => e.Contains("Secret", StringComparison.OrdinalIgnoreCase)
            || e.Contains("Token", StringComparison.OrdinalIgnoreCase) || e.Contains("Keys", StringComparison.OrdinalIgnoreCase)
            || e.Contains("Password", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The values of <paramref name="key"/> in the unit (all sections; comments skipped).</summary>
    private static List<string> Values(string key) =>
        [.. File.ReadAllLines(UnitPath)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith(';'))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Trim() == key)
            .Select(p => p[1].Trim())];
}
