using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary><c>evidence verify --db</c> on a real SQLite file written by the engine.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvidenceVerbsTests : IDisposable
{
    private readonly EvidenceDatabase db = new();

    [Fact]
    public async Task Verify_UntouchedDatabase_ExitsZero()
    {
        await db.RunIncidentAsync();

        var (code, output, _) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);

        Assert.Equal(0, code);
        Assert.StartsWith("ok: 5 events in 1 chains verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneEventAltered_ExitsOneNamingExactlyThatEvent()
    {
        var id = await db.RunIncidentAsync();
        var eventId = await db.AlterPayloadAsync(id, 2);

        var (code, output, _) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);

        Assert.Equal(1, code);
        Assert.Equal($"ALTERED: {id} #2 (IncidentTriaged, event {eventId}): content does not match its hash", output.Trim());
    }

    [Fact]
    public async Task Verify_MissingFile_ExitsTwo()
    {
        var missing = db.Path + ".missing";

        var (code, _, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", missing);

        Assert.Equal(2, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    public void Dispose() => db.Dispose();
}
