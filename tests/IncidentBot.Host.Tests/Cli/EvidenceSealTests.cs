using System.Text;
using System.Text.RegularExpressions;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary>Seals from exports, the public-key verb, and damage below SQL (bytes of the file).</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class EvidenceSealTests : IDisposable
{
    private readonly EvidenceDatabase db = new();

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task VerifySeal_SealFromAnExport_ConfirmsTheStore(string format)
    {
        // Arrange
        var id = await db.RunIncidentAsync();
        var seal = await SealFromExportAsync(id, format);

        // Act
        var (code, output, _) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path, "--seal", seal);

        // Assert
        Assert.Equal(0, code);
        Assert.Contains($"seal {seal} confirmed (checkpoint #5)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifySeal_StoreRolledBackToBeforeTheSeal_ExitsOneWhilePlainVerifyCannotTell()
    {
        // Arrange: a copy of the file taken before the last command is put back after that command's seal was exported.
        var id = await db.RunIncidentAsync();
        var earlierSeal = await SealFromExportAsync(id, "md");
        EvidenceDatabase.CloseAll();
        File.Copy(db.Path, db.Path + ".backup");
        await db.SayAsync("alice", $"/incident note {id} customers notified");
        var seal = await SealFromExportAsync(id, "md");
        EvidenceDatabase.CloseAll();
        File.Copy(db.Path + ".backup", db.Path, overwrite: true);

        // Act
        var plain = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);
        var withEarlierSeal = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path, "--seal", earlierSeal);
        var withSeal = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path, "--seal", seal);

        // Assert
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, withEarlierSeal.ExitCode);
        Assert.Equal(1, withSeal.ExitCode);
        Assert.Contains($"seal {seal} is not in this store's checkpoint chain", withSeal.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_PrintsThePublicKey_WhichVerifyAcceptsWithoutTheKeyFile()
    {
        // Arrange
        await db.RunIncidentAsync();
        var printed = await ConsoleCapture.RunAsync("evidence", "key", "--db", db.Path);
        File.Move(db.KeyPath, db.KeyPath + ".elsewhere");

        // Act
        var withoutKey = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);
        var withPublicKey = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path, "--public-key", printed.Out.Trim());

        // Assert
        Assert.Equal(0, printed.ExitCode);
        Assert.DoesNotContain("PRIVATE", printed.Out, StringComparison.Ordinal);
        Assert.Equal(2, withoutKey.ExitCode);
        Assert.Contains("Cannot verify signatures", withoutKey.Error, StringComparison.Ordinal);
        Assert.Equal(0, withPublicKey.ExitCode);
    }

    [Fact]
    public async Task Verify_AnotherKeysPublicHalf_ExitsOneNamingTheKey()
    {
        // Arrange
        await db.RunIncidentAsync();
        using var other = new EvidenceDatabase();
        await other.RunIncidentAsync();
        var otherKey = (await ConsoleCapture.RunAsync("evidence", "key", "--db", other.Path)).Out.Trim();

        // Act
        var (code, output, _) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path, "--public-key", otherKey);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("checkpoint #1: signed by key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneByteFlippedInTheFile_ExitsOne()
    {
        // Arrange: flip one character of an event's hash where it lies on disk.
        var id = await db.RunIncidentAsync();
        var target = (await db.ReadStreamAsync(id))[2].Hash;
        EvidenceDatabase.CloseAll();
        var bytes = await File.ReadAllBytesAsync(db.Path);
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(target));
        Assert.True(at > 0);
        bytes[at + 10] ^= 0x01;
        await File.WriteAllBytesAsync(db.Path, bytes);

        // Act
        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);

        // Assert
        Assert.Equal(1, code);
        Assert.StartsWith($"ALTERED: {id} #", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PageZeroed_ExitsOne()
    {
        // Arrange: zero the whole page that holds an event.
        var id = await db.RunIncidentAsync();
        var target = (await db.ReadStreamAsync(id))[2].Hash;
        EvidenceDatabase.CloseAll();
        var bytes = await File.ReadAllBytesAsync(db.Path);
        var pageSize = (bytes[16] << 8) | bytes[17];
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(target));
        Array.Clear(bytes, at / pageSize * pageSize, pageSize);
        await File.WriteAllBytesAsync(db.Path, bytes);

        // Act
        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--db", db.Path);

        // Assert
        Assert.Equal(1, code);
        Assert.StartsWith("ALTERED: SQLite integrity check failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    private async Task<string> SealFromExportAsync(string id, string format)
    {
        var export = (await db.SayAsync("alice", $"/incident export {id} {format}")).Replies[0].Card.Text;
        var match = SealPattern().Match(export);
        Assert.True(match.Success, export);
        return match.Groups[1].Value;
    }

    [GeneratedRegex("""(?:Evidence seal: `|"seal": "|# evidence seal: )([0-9a-f]{64})""")]
    private static partial Regex SealPattern();

    public void Dispose() => db.Dispose();
}
