using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.ReadModels;

/// <summary>The incident projection written with each append, its listing, attestation and pinned runbook texts.</summary>
public abstract class IncidentsContract : StoreContract
{
    [Fact]
    public async Task AppendAsync_DeclareThenUpdate_ProjectionFollowsWithAllocatedIdAndLastSeq()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var store = db.Store;
        await store.AppendAsync(Drafts.Declare("first"), None);
        var updatedAt = Drafts.T0.AddMinutes(5);
        var update = Drafts.Notes("INC-2", 1, 2) with
        {
            Incident = Drafts.Summary("second, triaged", IncidentState.ContainmentChoice, Severity.Sev2, 2, updatedAt)
                with { Id = "INC-2", Number = 2 },
        };

        // Act: a new incident's projection names the id the store allocates, whatever the draft says.
        await store.AppendAsync(Drafts.Declare("second") with { Incident = Drafts.Summary("second") with { Id = "INC-99", Number = 99 } }, None);
        await store.AppendAsync(update, None);
        var second = await store.GetIncidentAsync("inc-2", None);

        // Assert
        var expected = new IncidentSummary("INC-2", 2, "second, triaged", IncidentState.ContainmentChoice, Severity.Sev2,
            "checkout", "db-failover", Drafts.RunbookVersion, "0123456789abcdef", "alice", 2, 3, Drafts.T0, updatedAt);
        Assert.Equal(expected, second);
        Assert.True(second!.Attested);
        Assert.Null(await store.GetIncidentAsync("INC-99", None));
    }

    [Fact]
    public async Task GetIncidentAsync_ClosedWithRunbook_ReturnsTheProjectionAsAppendedWhateverTheIdsCaseAndSpaces()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var request = Drafts.Declare("Payments slow") with { Runbook = new RunbookSnapshot("feedc0de", "restart-service", "steps:\n  - restart\n") };
        var declared = (await db.Store.AppendAsync(request, None)).Appended();
        var closed = request.Incident! with { Id = "INC-1", State = IncidentState.Closed, Version = 2 };
        await db.Store.AppendAsync(Drafts.Notes("inc-1", 1, 1) with { Incident = closed }, None);

        // Act
        var incident = await db.Store.GetIncidentAsync(" inc-1 ", None);

        // Assert
        Assert.Equal("INC-1", declared.Stream);
        Assert.NotNull(incident);
        Assert.Equal(closed with { Number = 1, LastSeq = 2 }, incident);
        Assert.Empty(await db.Store.ListIncidentsAsync(includeClosed: false, None));
        Assert.Equal([incident], await db.Store.ListIncidentsAsync(includeClosed: true, None));
        Assert.Equal("steps:\n  - restart\n", await db.Store.GetRunbookTextAsync("feedc0de", None));
        Assert.Null(await db.Store.GetRunbookTextAsync("missing", None));
    }

    [Fact]
    public async Task ListIncidentsAsync_OpenAndClosed_FiltersClosedUnlessAskedNewestFirst()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var store = db.Store;
        for (var i = 0; i < 4; i++) await store.AppendAsync(Drafts.Declare($"incident {i}"), None);
        await store.AppendAsync(Drafts.Notes("INC-2", 1, 1) with { Incident = Drafts.Summary("x", IncidentState.Closed) with { Id = "INC-2" } }, None);
        await store.AppendAsync(Drafts.Notes("INC-3", 1, 1) with { Incident = Drafts.Summary("x", IncidentState.Cancelled) with { Id = "INC-3" } }, None);

        // Act
        var open = await store.ListIncidentsAsync(includeClosed: false, None);
        var all = await store.ListIncidentsAsync(includeClosed: true, None);

        // Assert
        Assert.Equal(["INC-4", "INC-1"], open.Select(i => i.Id));
        Assert.Equal(["INC-4", "INC-3", "INC-2", "INC-1"], all.Select(i => i.Id));
    }

    [Fact]
    public async Task AppendAsync_ProjectionForAnotherIncident_IsRefused()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare(), None);
        var wrong = Drafts.Notes("INC-1", 1, 1) with { Incident = Drafts.Summary() with { Id = "INC-7" } };

        // Act
        await Assert.ThrowsAsync<ArgumentException>(() => db.Store.AppendAsync(wrong, None));

        // Assert
        Assert.Single(await db.Store.ReadStreamAsync("INC-1", None));
        Assert.Null(await db.Store.GetIncidentAsync("INC-7", None));
    }

    [Fact]
    public async Task AppendAsync_SameRunbookHashTwice_StoresTheFirstTextOnce()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var snapshot = new RunbookSnapshot("sha-abc", "db-failover", "id: db-failover\nversion: 3\n");

        // Act
        await db.Store.AppendAsync(Drafts.Declare() with { Runbook = snapshot }, None);
        await db.Store.AppendAsync(Drafts.Declare() with { Runbook = snapshot with { SourceText = "changed" } }, None);

        // Assert
        Assert.Equal("id: db-failover\nversion: 3\n", await db.Store.GetRunbookTextAsync("sha-abc", None));
        Assert.Null(await db.Store.GetRunbookTextAsync("sha-other", None));
        Assert.Equal(1, await db.CountAsync("runbook_versions"));
    }

    [Fact]
    public async Task ListAndGet_RowEditedBehindTheStore_ComesBackAsEditedButNotAttested()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare("Checkout errors"), None);
        await db.Store.AppendAsync(Drafts.Declare("Login errors"), None);

        // Act
        Assert.Equal(1, await db.ExecuteAsync("UPDATE incidents SET title = 'Nothing happened' WHERE id = 'INC-1'"));
        var list = await db.Store.ListIncidentsAsync(true, None);
        var one = await db.Store.GetIncidentAsync("INC-1", None);

        // Assert
        var edited = Assert.Single(list, i => i.Id == "INC-1");
        Assert.Equal("Nothing happened", edited.Title);
        Assert.False(edited.Attested);
        Assert.True(Assert.Single(list, i => i.Id == "INC-2").Attested);
        Assert.False(one!.Attested);
    }

    [Fact]
    public async Task AppendAsync_DrillAndRealIncident_ProjectionRoundTripsTheDrillFlag()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare("Checkout errors"), None);
        var drill = Drafts.Declare("Drill: Roll back the prompt") with { Incident = Drafts.Summary("Drill: Roll back the prompt") with { Drill = true } };

        // Act
        await db.Store.AppendAsync(drill, None);
        await db.Store.AppendAsync(Drafts.Notes("INC-2", 1, 1) with
        {
            Incident = Drafts.Summary("Drill: Roll back the prompt", IncidentState.ContainmentChoice, Severity.Sev2, 2) with { Id = "INC-2", Drill = true },
        }, None);
        var real = await db.Store.GetIncidentAsync("INC-1", None);
        var practice = await db.Store.GetIncidentAsync("INC-2", None);
        var list = await db.Store.ListIncidentsAsync(true, None);

        // Assert: both attested, so the flag is covered by the row checksum as written.
        Assert.False(real!.Drill);
        Assert.True(practice!.Drill);
        Assert.True(real.Attested && practice.Attested);
        Assert.Equal(IncidentState.ContainmentChoice, practice.State);
        Assert.Equal([("INC-2", true), ("INC-1", false)], list.Select(i => (i.Id, i.Drill)));
        Assert.All(list, i => Assert.True(i.Attested));
    }

    [Theory]
    [InlineData("INC-1", "true")]
    [InlineData("INC-2", "false")]
    public async Task ListAndGet_DrillFlagEditedBehindTheStore_IsNotAttested(string id, string value)
    {
        // Arrange: INC-1 real, INC-2 a drill.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare("Checkout errors"), None);
        await db.Store.AppendAsync(Drafts.Declare("Drill") with { Incident = Drafts.Summary("Drill") with { Drill = true } }, None);

        // Act: turn the real incident into a drill, or the drill into a real incident.
        Assert.Equal(1, await db.ExecuteAsync($"UPDATE incidents SET drill = {value} WHERE id = '{id}'"));
        var edited = await db.Store.GetIncidentAsync(id, None);
        var list = await db.Store.ListIncidentsAsync(true, None);

        // Assert
        Assert.Equal(value == "true", edited!.Drill);
        Assert.False(edited.Attested);
        Assert.False(Assert.Single(list, i => i.Id == id).Attested);
        Assert.True(Assert.Single(list, i => i.Id != id).Attested);
    }
}
