using IncidentBot.Core.Drills;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Readiness;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Readiness;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Host.Tests.Readiness;

/// <summary>The gatherer on a real SQLite store, a loopback endpoint and a drill history: what it reads, and that it
/// records nothing.</summary>
public sealed class ReadinessGathererTests : IAsyncLifetime
{
    private readonly ReadinessFolder folder = new();
    private LoopbackTarget deploy = null!;

    public async Task InitializeAsync()
    {
        deploy = await LoopbackTarget.StartAsync((context, _) => LoopbackTarget.ReplyAsync(context, 503));
        await folder.RecordBaselineAsync();
    }

    public async Task DisposeAsync()
    {
        await deploy.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task ReportAsync_LastDrillAndAnEndpointAnswering503_ShowsTheDrillAndCountsTheAnswer()
    {
        var drill = new DrillReport("INC-9", "checkout", "checkout-rollback", Severity.Sev1, IncidentState.Recovered, DateTimeOffset.UtcNow.AddDays(-1),
            TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6), ["bob", "carol"], []);
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = folder.DatabasePath }, TimeProvider.System);
        using var http = new HttpClient();
        var gatherer = new ReadinessGatherer(store, store, store, http, TimeProvider.System, new InMemoryDrillHistory(drill));
        var setup = ReadinessSetup.From(new ConfigurationBuilder().AddInMemoryCollection(folder.Settings(deploy.BaseUrl)).Build(), development: false,
            RunbookCatalog.LoadDirectory(folder.Runbooks).Catalog);
        var before = (await store.ReadStreamAsync(Streams.Changes, CancellationToken.None)).Count;

        var report = await gatherer.ReportAsync(setup, "checkout", CancellationToken.None);

        var realism = Assert.Single(report!.Services).Points[6];
        Assert.Equal(ReadinessVerdict.Pass, realism.Verdict);
        Assert.Contains(realism.Facts, f => f.StartsWith("last drill INC-9 (checkout-rollback, sev1) on ", StringComparison.Ordinal)
                                            && f.EndsWith("now Recovered: triage 30s, approve 2m 00s, mitigate 5m 00s, recover 6m 00s; approvers bob, carol", StringComparison.Ordinal));
        Assert.Contains($"{deploy.BaseUrl} answers (HTTP 503); used by checkout-rollback/rollback-prompt step deploy", realism.Facts);
        Assert.Equal(before, (await store.ReadStreamAsync(Streams.Changes, CancellationToken.None)).Count);
        Assert.DoesNotContain(deploy.Requests, r => r.Path != "/");
    }

    [Fact]
    public async Task ReportAsync_UnknownService_IsNull()
    {
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = folder.DatabasePath }, TimeProvider.System);
        using var http = new HttpClient();
        var gatherer = new ReadinessGatherer(store, store, store, http, TimeProvider.System, null);
        var setup = ReadinessSetup.From(new ConfigurationBuilder().AddInMemoryCollection(folder.Settings(deploy.BaseUrl)).Build(), development: false,
            RunbookCatalog.LoadDirectory(folder.Runbooks).Catalog);

        Assert.Null(await gatherer.ReportAsync(setup, "nope", CancellationToken.None));
        Assert.Empty(deploy.Requests);
    }
}
