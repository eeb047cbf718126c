using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Health;

/// <summary>
/// The database's disk fills up (a real tmpfs, as in <see cref="StoreFullTests"/>): <c>/healthz/ready</c> turns 503
/// naming the store check while <c>/healthz/live</c> stays 200, and readiness comes back once space is freed.
/// </summary>
public sealed class StoreFullReadinessTests
{
    [TmpfsFact]
    public async Task Ready_DiskFullThenFreed_503NamingTheStoreThen200()
    {
        // Arrange: a bot whose database lives on an 8 MiB tmpfs; ready to begin with.
        using var disk = Tmpfs.Mount(8 * 1024 * 1024);
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(disk.Path, "bot.db") });
        await ReadyProbe.WaitForAsync(bot, HttpStatusCode.OK);
        var declared = 0;

        // Act 1: the disk fills up. A few more bytes may still fit, so keep declaring until the probe's write fails.
        disk.Fill();
        var unready = await ReadyProbe.WaitForAsync(bot, HttpStatusCode.ServiceUnavailable, async () =>
        {
            using var response = await Json.PostAsync(bot.Http, "/api/console/messages",
                new { user = "alice", text = $"/incident declare Disk {++declared} sev3 runbook=ai-assistant-drift", deliveryId = $"disk-{declared}" });
        });
        using var live = await bot.Http.GetAsync("/healthz/live");

        // Assert 1: the store check fails and says why; the others pass; the process is alive.
        Assert.Equal("Unhealthy", unready.GetProperty("status").GetString());
        var (status, description) = ReadyProbe.Check(unready, "store");
        Assert.Equal("Unhealthy", status);
        Assert.StartsWith("the store does not accept writes: ", description, StringComparison.Ordinal);
        Assert.Equal("Healthy", ReadyProbe.Check(unready, "runbooks").Status);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // Act 2 and assert 2: space is freed; ready again.
        disk.Free();
        var ready = await ReadyProbe.WaitForAsync(bot, HttpStatusCode.OK);
        Assert.Equal("Healthy", ReadyProbe.Check(ready, "store").Status);
    }
}
