using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Storage.Postgres.Tests.Support;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreReadModelTests
{
    [Fact]
    public async Task GetIncidentAsync_AfterAppends_ReturnsTheProjectionAsAppended()
    {
        await using var db = await StoreNodes.StartAsync();
        var request = Requests.NewIncident("Payments slow") with
        {
            Runbook = new RunbookSnapshot("feedc0de", "restart-service", "steps:\n  - restart\n"),
        };
        var declared = (await db.Store.AppendAsync(request, CancellationToken.None)).Appended();
        var closed = request.Incident! with { Id = "INC-1", State = IncidentState.Closed, Version = 2 };
        await db.Store.AppendAsync(Requests.Notes("inc-1", 1, 1) with { Incident = closed }, CancellationToken.None);

        var incident = await db.Store.GetIncidentAsync(" inc-1 ", CancellationToken.None);

        Assert.NotNull(incident);
        Assert.Equal(closed with { Number = 1, LastSeq = 2 }, incident);
        Assert.Equal("INC-1", declared.Stream);
        Assert.Empty(await db.Store.ListIncidentsAsync(includeClosed: false, CancellationToken.None));
        Assert.Equal([incident], await db.Store.ListIncidentsAsync(includeClosed: true, CancellationToken.None));
        Assert.Equal("steps:\n  - restart\n", await db.Store.GetRunbookTextAsync("feedc0de", CancellationToken.None));
        Assert.Null(await db.Store.GetRunbookTextAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task ListIncidentsAsync_RowEditedBehindTheStore_IsNotAttested()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("Honest title"), CancellationToken.None);
        await using (var connection = await db.OpenOwnerConnectionAsync())
        await using (var edit = new NpgsqlCommand("UPDATE incidents SET title = 'Edited' WHERE id = 'INC-1'", connection))
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());

        var row = Assert.Single(await db.Store.ListIncidentsAsync(includeClosed: true, CancellationToken.None));

        Assert.Equal("Edited", row.Title);
        Assert.False(row.Attested);
    }

    [Fact]
    public async Task ListChangesAsync_FiltersByServiceCaseInsensitivelyAndSince_NewestFirst()
    {
        await using var db = await StoreNodes.StartAsync();
        var t = Requests.At;
        await db.Store.AppendAsync(Requests.Change("Checkout", "1.0", t), CancellationToken.None);
        await db.Store.AppendAsync(Requests.Change("search", "7.1", t.AddMinutes(5)), CancellationToken.None);
        await db.Store.AppendAsync(Requests.Change("checkout", "1.1", t.AddMinutes(10)), CancellationToken.None);
        await db.Store.AppendAsync(Requests.Change("checkout", "1.2", t.AddMinutes(10)), CancellationToken.None);

        var all = await db.Store.ListChangesAsync(null, null, CancellationToken.None);
        var checkout = await db.Store.ListChangesAsync("CHECKOUT", t.AddMinutes(1), CancellationToken.None);

        Assert.Equal(["1.2", "1.1", "7.1", "1.0"], all.Select(c => c.Version));
        Assert.Equal([4L, 3, 2, 1], all.Select(c => c.Seq));
        Assert.Equal(["1.2", "1.1"], checkout.Select(c => c.Version));
        Assert.Equal(t.AddMinutes(10), checkout[0].DeployedUtc);
        Assert.True(checkout[0].Approved);
        Assert.Equal(["1.0"], (await db.Store.ListChangesAsync("checkout", null, CancellationToken.None)).Skip(2).Select(c => c.Version));
    }
}
