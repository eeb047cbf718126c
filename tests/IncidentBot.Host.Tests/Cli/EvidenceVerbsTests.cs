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
        Assert.StartsWith("ok: 5 events in 1 chains, 5 checkpoints signed by key", output, StringComparison.Ordinal);
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

    [Fact]
    public async Task Verify_EmptyFile_ExitsTwoAndLeavesItUntouched()
    {
        await File.WriteAllBytesAsync(db.Path, []);

        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);

        Assert.Equal(2, code);
        Assert.DoesNotContain("ok:", output, StringComparison.Ordinal);
        Assert.Contains("not an IncidentBot evidence database", error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(db.Path).Length);
    }

    [Fact]
    public async Task Verify_FileThatIsNotSqlite_ExitsTwoWithAMessage()
    {
        await File.WriteAllTextAsync(db.Path, "these are not the bytes of a database, just plain text, long enough to have a header\n");

        var (code, _, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);

        Assert.Equal(2, code);
        Assert.Contains(db.Path, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public void Dispose() => db.Dispose();
}
