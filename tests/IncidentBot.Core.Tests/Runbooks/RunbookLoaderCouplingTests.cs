using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary><c>moves_with</c>: the layers a rollback takes along (the embeddings model and the index built with it).</summary>
public class RunbookLoaderCouplingTests
{
    private const string Layer = "    layer: prompt\n";

    [Fact]
    public void Load_RollbackMovesWithLayers_KeepsThemInOrder()
    {
        // Act
        var result = MinimalRunbook.LoadEdited(Layer, Layer + "    moves_with: [retrieval, embeddings]\n");

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(["retrieval", "embeddings"], result.Runbook!.Options[0].MovesWith);
    }

    [Fact]
    public void Load_NoMovesWith_IsEmpty()
    {
        // Act
        var result = RunbookLoader.Load(MinimalRunbook.Text, "minimal.yaml");

        // Assert
        Assert.Empty(result.Runbook!.Options[0].MovesWith);
    }

    [Theory]
    [InlineData("    moves_with: [retrieval, vectors]\n", 13, 29, "items of 'moves_with' must be layers")]
    [InlineData("    moves_with: [prompt]\n", 13, 18, "names the option's own layer 'prompt'")]
    [InlineData("    moves_with: [retrieval, retrieval]\n", 13, 29, "names 'retrieval' twice")]
    [InlineData("    moves_with: []\n", 13, 17, "moves_with")]
    public void Load_BadMovesWith_ReportsTheItemWithLineAndColumn(string line, int expectedLine, int expectedColumn, string fragment)
    {
        // Act
        var result = MinimalRunbook.LoadEdited(Layer, Layer + line);

        // Assert
        Assert.Null(result.Runbook);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((expectedLine, expectedColumn), (problem.Line, problem.Column));
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MovesWithOnAControl_IsRefusedAtTheKey()
    {
        // Act
        var result = MinimalRunbook.LoadEdited("    kind: rollback\n" + Layer, "    kind: control\n    layer: workflow\n    moves_with: [retrieval]\n");

        // Assert: reported at the key (the baseline step a control may not have is reported too).
        Assert.Null(result.Runbook);
        Assert.Contains(result.Problems, p => (p.Line, p.Column) == (13, 5) &&
            p.Message.Contains("'moves_with' is only for rollback options (this option is control)", StringComparison.Ordinal));
    }
}
