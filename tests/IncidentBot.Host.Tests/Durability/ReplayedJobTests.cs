using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Verification;
using IncidentBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Durability;

/// <summary>
/// A job whose report was committed but which was not marked done (the bot died between the two) is run again after
/// a restart. The window is microseconds wide, too narrow to hit with a kill, so these tests replay a finished job's
/// own outbox payload through the bot's runner, exactly as the outbox worker would after the restart.
/// </summary>
public sealed class ReplayedJobTests
{
    [Fact]
    public async Task VerifyJob_ReplayedAfterItsReportWasCommitted_NoSecondPollIsCounted()
    {
        // Arrange: two passes needed, a minute apart; the first poll passed and its job is done.
        await using var prometheus = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.PrometheusAsync(ctx, 0.01));
        using var runbooks = new TargetRunbooks();
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = prometheus.BaseUrl,
        });
        var id = await IncidentApi.ApprovedAsync(bot.Http, "verify-slow");
        await IncidentApi.WaitForAsync(bot.Http, id, i => i.Events("CheckPolled").Count == 1, "polled once");
        var outbox = bot.App.Services.GetRequiredService<IncidentBot.Storage.Sqlite.SqliteStore>();
        var first = (await outbox.ReadOutboxAsync(OutboxKind.Job, JobKind.Verify.Name, 0, 10, CancellationToken.None))[0];
        var job = JsonSerializer.Deserialize<ExecuteJob>(first.PayloadJson, EventCodec.Options)!;

        // Act: the outbox worker's re-run of that job after a crash.
        await bot.App.Services.GetRequiredService<VerificationRunner>().RunAsync(job, CancellationToken.None);
        var incident = await IncidentApi.GetAsync(bot.Http, id);

        // Assert: one pass in the evidence, not two (which would declare recovery a minute early), and one poll chain.
        Assert.Single(incident.Events("CheckPolled"));
        Assert.Equal("verifying", incident.State());
        var pending = (await outbox.ReadOutboxAsync(OutboxKind.Job, JobKind.Verify.Name, 0, 10, CancellationToken.None)).Count;
        Assert.Equal(2, pending); // the first poll and the one it scheduled
    }
}
