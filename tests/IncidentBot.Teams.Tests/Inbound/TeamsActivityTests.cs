using System.Text;
using IncidentBot.Teams.Inbound;

namespace IncidentBot.Teams.Tests.Inbound;

/// <summary>Parsing an activity never throws: a body whose strings cannot be read is a problem, not an exception.</summary>
public sealed class TeamsActivityTests
{
    [Theory]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"19:a\"},\"text\":\"note \\ud800\"}")]
    [InlineData("{\"type\":\"invoke\",\"conversation\":{\"id\":\"19:a\"},\"value\":{\"action\":{\"data\":{\"command\":\"\\udfff\"}}}}")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"19:a\"},\"\\ud800\":1}")]
    public void Parse_LoneSurrogateEscapeAnywhere_IsAProblemNotAnException(string json)
    {
        var (activity, problem) = TeamsActivity.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Null(activity);
        Assert.Contains("not valid Unicode", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BidiAndControlEscapes_AreReadable()
    {
        var (activity, problem) = TeamsActivity.Parse(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"conversation\":{\"id\":\"19:a\"},\"text\":\"a\\u202Eb\\u0000c\"}"));

        Assert.Null(problem);
        Assert.Equal("a\u202Eb\u0000c", activity!.Text);
    }
}
