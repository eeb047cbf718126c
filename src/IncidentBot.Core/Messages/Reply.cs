namespace IncidentBot.Core.Messages;

/// <summary>Who sees a reply.</summary>
public enum ReplyVisibility
{
    /// <summary>Only the person who sent the command (usage, refusals, lists).</summary>
    Ephemeral,
    /// <summary>Everyone in the incident's conversation.</summary>
    Conversation,
}

/// <summary>
/// One message the bot answers a command with. Its card may be rendered only when a surface shows it: a Slack slash
/// command answers an applied command with a short acknowledgement and never renders the incident's card at all.
/// </summary>
public sealed class Reply
{
    private readonly Lazy<Card> card;

    /// <summary>A reply whose card is already rendered.</summary>
    public Reply(ReplyVisibility visibility, Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        Visibility = visibility;
        this.card = new Lazy<Card>(card);
    }

    /// <summary>A reply whose card is rendered by <paramref name="render"/> the first time it is read (once).</summary>
    public Reply(ReplyVisibility visibility, Func<Card> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        Visibility = visibility;
        card = new Lazy<Card>(render, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Who sees it.</summary>
    public ReplyVisibility Visibility { get; }

    /// <summary>What it shows.</summary>
    public Card Card => card.Value;
}
