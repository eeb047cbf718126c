using System.Text;
using IncidentBot.Core.Messages;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.TestSupport.AdaptiveCards;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

public sealed class TeamsMessageBuilderTests
{
    private readonly TeamsMessageBuilder builder = new();

    [Fact]
    public void Message_OneCard_OneAdaptiveCardAttachmentAndASummaryButNoText()
    {
        var activity = builder.Message(AdaptiveCardRendererTests.CardWith());

        Assert.Equal("message", activity["type"]!.GetValue<string>());
        Assert.Equal("INC-7 · Refunds failing · Triage", activity["summary"]!.GetValue<string>());
        Assert.Null(activity["text"]);
        var attachment = Assert.Single(activity["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Empty(AdaptiveCardRules.Check(attachment["content"]!));
    }

    [Fact]
    public void Messages_SeveralCards_OneActivityEachInOrder()
    {
        var activities = builder.Messages([IncidentCards.Notice("First", "a"), IncidentCards.Notice("Second", "b")]);

        Assert.Equal(["First", "Second"], activities.Select(a => a["summary"]!.GetValue<string>()));
    }

    [Fact]
    public void Message_HugeCard_WholeActivityStaysUnderTeams28KB()
    {
        var fields = Enumerable.Range(0, 100).Select(i => new CardField("Field " + i, new string('é', 900))).ToList();
        var card = AdaptiveCardRendererTests.CardWith(text: new string('ü', 60_000), fields: fields, title: new string('T', 3000));

        var activity = builder.Message(card);

        Assert.True(Encoding.UTF8.GetByteCount(activity.ToJsonString()) <= AdaptiveCardLimits.MaxMessageBytes);
        Assert.True(activity["summary"]!.GetValue<string>().Length <= TeamsMessageBuilder.MaxSummary);
    }

    [Fact]
    public void Summary_PeoplesText_IsPlainAndTemplateFree()
    {
        Assert.Equal("$\u2060{x} **y**", TeamsMessageBuilder.Summary(new Card("${x}\n**y**", "", [], [], "")));
        Assert.Equal("IncidentBot", TeamsMessageBuilder.Summary(new Card(" ", "", [], [], "")));
    }
}
