using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// The real host with Slack and Teams both configured: a <see cref="SlackBot"/> whose Teams side talks to a Bot
/// Framework OpenID stand-in (signing keys with endorsements) and connector stand-in (token endpoint, connector).
/// </summary>
internal sealed class SlackAndTeamsBot : IAsyncDisposable
{
    private SlackAndTeamsBot(BotFrameworkKeySet keys, OpenIdStandIn openId, ConnectorStandIn connector, SlackBot bot) =>
        (Keys, OpenId, Connector, Bot) = (keys, openId, connector, bot);

    public BotFrameworkKeySet Keys { get; }

    public OpenIdStandIn OpenId { get; }

    public ConnectorStandIn Connector { get; }

    public SlackBot Bot { get; }

    /// <summary>Starts the stand-ins and the bot with Teams configured for them, plus <paramref name="settings"/>.</summary>
    public static async Task<SlackAndTeamsBot> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var keys = new BotFrameworkKeySet();
        var openId = await OpenIdStandIn.StartAsync(keys);
        var connector = await ConnectorStandIn.StartAsync();
        var bot = new SlackBot(() => new Dictionary<string, string?>(settings)
        {
            ["Teams:AppId"] = connector.AppId,
            ["Teams:AppPassword"] = connector.AppPassword,
            ["Teams:OpenIdMetadataUrl"] = openId.MetadataUrl.ToString(),
            ["Teams:TokenEndpoint"] = connector.TokenEndpoint.ToString(),
        });
        await bot.InitializeAsync();
        return new SlackAndTeamsBot(keys, openId, connector, bot);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        Keys.Dispose();
    }
}
