using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class SpellingTests
{
    [Theory]
    [InlineData("timout_seconds", "timeout_seconds")]
    [InlineData("post", "POST")]
    [InlineData("Title", "title")]
    public void Suggest_NearMiss_ReturnsIntendedWord(string given, string expected)
    {
        // Arrange
        string[] candidates = ["title", "timeout_seconds", "POST", "GET"];

        // Act + Assert
        Assert.Equal(expected, Spelling.Suggest(given, candidates));
    }

    [Fact]
    public void Suggest_NothingClose_ReturnsNull()
    {
        // Act + Assert
        Assert.Null(Spelling.Suggest("escalation_policy", ["title", "kind", "layer"]));
    }
}
