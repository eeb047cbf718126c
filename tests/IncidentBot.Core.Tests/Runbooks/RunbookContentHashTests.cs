using System.Security.Cryptography;
using System.Text;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class RunbookContentHashTests
{
    // Non-ASCII on purpose: a hash of UTF-16 or of a re-encoded text would differ from the UTF-8 one.
    private static string Text => TestPaths.ReadFixture("valid-minimal.yaml")
        .Replace("title: Minimal runbook", "title: Minimal runbook — café", StringComparison.Ordinal);

    [Fact]
    public void Load_ValidText_HashIsLowerHexSha256OfUtf8Text()
    {
        // Arrange
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

        // Act
        var runbook = RunbookLoader.Load(Text, "a.yaml").Runbook!;

        // Assert
        Assert.Equal(expected, runbook.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", runbook.ContentHash);
        Assert.Equal(Text, runbook.SourceText);
    }

    [Fact]
    public void Load_SameTextTwice_HashIsStable()
    {
        // Act
        var first = RunbookLoader.Load(Text, "a.yaml").Runbook!;
        var second = RunbookLoader.Load(Text, "elsewhere/b.yaml").Runbook!;

        // Assert
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(first.PinnedVersion, second.PinnedVersion);
    }

    [Theory]
    [InlineData("Agents answer from macros.", "Agents answer from macros!")]
    [InlineData("questions: [What changed?]", "questions: [What changed?] ")]
    [InlineData("café", "cafe")]
    public void Load_OneCharacterChanged_HashChanges(string find, string replace)
    {
        // Arrange
        var edited = Text.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Text, edited);

        // Act
        var original = RunbookLoader.Load(Text, "a.yaml").Runbook!;
        var changed = RunbookLoader.Load(edited, "a.yaml").Runbook!;

        // Assert
        Assert.NotEqual(original.ContentHash, changed.ContentHash);
    }
}
