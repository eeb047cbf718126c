using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>The valid-minimal.yaml fixture, and loading it after one edit.</summary>
internal static class MinimalRunbook
{
    public static string Text { get; } = TestPaths.ReadFixture("valid-minimal.yaml");

    public static RunbookLoadResult LoadEdited(string find, string replace)
    {
        Assert.Contains(find, Text, StringComparison.Ordinal); // an edit that changes nothing would test nothing
        return RunbookLoader.Load(Text.Replace(find, replace, StringComparison.Ordinal), "edited.yaml");
    }
}
