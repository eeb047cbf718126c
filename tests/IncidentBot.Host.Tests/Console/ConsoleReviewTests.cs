using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// The review stage through the console API over real HTTP, posting what the console page sends for a button with an
/// input prompt: the button's command, a space, the text typed into its modal. A sev1 incident of the shipped
/// ai-assistant-drift runbook needs a learning, a follow-up with an owner and all six answers before close.
/// </summary>
public sealed class ConsoleReviewTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    /// <summary>What the page posts when <paramref name="label"/> is clicked on <paramref name="card"/> and <paramref name="typed"/> entered.</summary>
    private static string Clicked(JsonElement card, string label, string typed)
    {
        var button = card.GetProperty("buttons").EnumerateArray().Single(b => b.GetProperty("label").GetString() == label);
        Assert.False(string.IsNullOrWhiteSpace(button.GetProperty("inputPrompt").GetString()), $"{label} asks for no text");
        return button.GetProperty("command").GetString() + " " + typed;
    }

    [Fact]
    public async Task ReviewButtons_TextTypedIntoTheirPrompts_FillTheReviewUntilTheIncidentCloses()
    {
        // Arrange: sev1, recovered by hand at the containment choice, in review.
        var id = await bot.DeclareAsync();
        foreach (var text in new[] { $"/incident triage {id} sev1 prompt", $"/incident recovered {id} fixed by hand", $"/incident review {id}" })
            Assert.Equal("applied", (await bot.SayAsync("alice", text)).Outcome());
        var card = await IncidentApi.CardAsync(bot.Http, id);

        // Act
        var early = await bot.SayAsync("alice", $"/incident close {id}");
        var followUp = await bot.SayAsync("alice", Clicked(card, "Add follow-up", "Rotate eval set owner=bob due=2026-12-20"));
        var learned = await bot.SayAsync("alice", Clicked(card, "Add learning", "Prompt changes need an eval gate"));
        var answers = new List<string>();
        for (var n = 1; n <= 6; n++)
            answers.Add((await bot.SayAsync("carol", Clicked(card, $"Answer Q{n}", $"answer {n}"))).Outcome());
        var closed = await bot.SayAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal("refused", early.Outcome());
        Assert.Contains($"{id} cannot close yet: sev1 needs 1 learning (has 0), 1 follow-up with an owner (has 0) and answers to questions 1, 2, 3, 4, 5, 6 (0 of 6 answered).",
            early.CardText(), StringComparison.Ordinal);
        Assert.Equal(["applied", "applied"], new[] { followUp.Outcome(), learned.Outcome() });
        Assert.All(answers, a => Assert.Equal("applied", a));
        Assert.Equal("applied", closed.Outcome());
        var incident = await IncidentApi.GetAsync(bot.Http, id);
        Assert.Equal("closed", incident.State());
        Assert.Equal("follow-up: Rotate eval set (owner bob, due 2026-12-20)", Assert.Single(incident.Events("FollowUpAdded")).Summary());
        Assert.Equal(6, incident.Events("QuestionAnswered").Count);
    }
}
