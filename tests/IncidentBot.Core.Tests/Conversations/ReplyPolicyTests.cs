using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Tests.Conversations;

public sealed class ReplyPolicyTests
{
    [Theory]
    [InlineData("/incident drill test-drift", "Drill INC-4 started")]
    [InlineData("/incident declare Refunds promised", "Declared INC-4")]
    [InlineData("/incident note INC-4 hello", "INC-4: note done")]
    public void Immediate_AppliedDeclarationDrillOrChange_AcknowledgesEachInItsOwnWords(string text, string title)
    {
        // Arrange
        var result = new CommandResult("INC-4", [], CommandOutcome.Applied);

        // Act
        var card = Assert.Single(ReplyPolicy.Immediate(result, new CommandEnvelope(Surfaces.Slack, "U1", text)));

        // Assert
        Assert.Equal(title, card.Title);
    }
}
