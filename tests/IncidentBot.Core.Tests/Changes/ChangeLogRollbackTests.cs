using IncidentBot.TestSupport.Time;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Changes;

public sealed class ChangeLogRollbackTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static async Task<ChangeLog> LogWithAsync(params (string Version, int Hour, bool Approved, string By)[] history)
    {
        var store = new InMemoryStore();
        var log = new ChangeLog(store, store, new ManualTimeProvider(T0.AddDays(1)));
        foreach (var (v, h, approved, by) in history)
            await log.RecordAsync(new ChangeRecord("svc", "prompt", v, by, T0.AddHours(h), approved, ""), "api", Surfaces.Api, CancellationToken.None);
        return log;
    }

    [Fact]
    public async Task ResolveRollback_AfterABotRollback_SkipsTheVersionItRolledBackFrom()
    {
        // Arrange: v40, v41 and v42 were approved; an incident rolled v42 back to v41.
        var log = await LogWithAsync(("v40", 1, true, "dana"), ("v41", 2, true, "dana"), ("v42", 3, true, "dana"),
            ("v41", 4, true, ChangeLog.RollbackDeployer("INC-1")));

        // Act
        var target = await log.ResolveRollbackAsync("svc", "prompt", CancellationToken.None);

        // Assert: a second rollback goes further back, never forward to the bad v42.
        Assert.Equal(new IncidentBot.Core.Incidents.RollbackTarget("v41", "v40"), target);
    }

    [Fact]
    public async Task ResolveRollback_UnapprovedLiveVersion_GoesToLastApproved()
    {
        var log = await LogWithAsync(("v41", 1, true, "dana"), ("v42", 2, false, "dana"));

        var target = await log.ResolveRollbackAsync("svc", "prompt", CancellationToken.None);

        Assert.Equal(new IncidentBot.Core.Incidents.RollbackTarget("v42", "v41"), target);
    }

    [Fact]
    public async Task ResolveRollback_OnlyOneVersion_ReturnsNull()
    {
        var log = await LogWithAsync(("v41", 1, true, "dana"));

        Assert.Null(await log.ResolveRollbackAsync("svc", "prompt", CancellationToken.None));
    }
}
