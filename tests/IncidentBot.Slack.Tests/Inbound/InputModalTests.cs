using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.Slack.Tests.Inbound;

public sealed class InputModalTests
{
    [Fact]
    public void Build_LongPromptAndCommand_StaysWithinModalLimitsAndRoundTripsItsContext()
    {
        var context = new InputContext("/incident reject INC-7 " + new string('x', 1900), "C1", "1700000000.000100", "C1/1700000000.000100", "C1/1700000000.000200");

        var view = InputModal.Build(new string('?', 2500), context);

        Assert.Empty(BlockKitLimits.ValidateView(view));
        Assert.Equal(context, InputModal.ReadContext(view["private_metadata"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"command\":\"\"}")]
    public void ReadContext_ForeignMetadata_IsNull(string metadata)
    {
        Assert.Null(InputModal.ReadContext(metadata));
    }
}
