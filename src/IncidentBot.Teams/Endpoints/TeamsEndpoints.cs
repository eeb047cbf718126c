using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.Teams.Authentication;
using IncidentBot.Teams.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentBot.Teams.Endpoints;

/// <summary>
/// The bot's Bot Framework messaging endpoint, <c>POST /api/messages</c>. Three layers, as Bot Framework bots have:
/// authentication (the bearer token checked before the body is even read: 401 and nothing changes), parsing (the
/// activity, then the token checked against its channel and service URL), and the turn (a command to the engine,
/// which commits before it answers). <c>message</c> activities are commands; <c>adaptiveCard/action</c> invokes are
/// card buttons, answered in the response with the updated card; <c>conversationUpdate</c> adding the bot records
/// the conversation; anything else is answered 200 and ignored.
/// </summary>
public static class TeamsEndpoints
{
    /// <summary>The messaging endpoint path (configure it in the Azure Bot registration as <c>https://host/api/messages</c>).</summary>
    public const string Path = "/api/messages";

    /// <summary>Maps <see cref="Path"/>. Needs <see cref="TeamsServiceCollectionExtensions.AddTeamsSurface"/> with Teams configured.</summary>
    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, (HttpContext http, BotFrameworkAuthenticator authenticator, TeamsInbound inbound) => MessagesAsync(http, authenticator, inbound))
            .WithTags("Teams").WithSummary("Bot Framework messaging endpoint (Microsoft Teams)")
            .WithDescription("Called by the Bot Framework channel service, not by people or scripts: it needs no API key but a Bot Framework "
                + "JWT (Authorization: Bearer) signed by a key endorsed for msteams, issued for Teams:AppId, whose serviceurl claim matches the activity. "
                + "The body is a Bot Framework Activity.");
        return app;
    }

    private static async Task<IResult> MessagesAsync(HttpContext http, BotFrameworkAuthenticator authenticator, TeamsInbound inbound)
    {
        var token = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization, http.RequestAborted).ConfigureAwait(false);
        if (!token.IsValid) return Unauthorized();

        var body = await inbound.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null) return Results.Text("The activity is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        var (activity, problem) = TeamsActivity.Parse(body);
        if (activity is null) return inbound.Malformed(http, problem!);
        if (!authenticator.CheckActivity(token, activity.ChannelId, activity.ServiceUrl).IsValid) return Unauthorized();

        return activity.Type switch
        {
            "message" => await inbound.MessageAsync(http, activity).ConfigureAwait(false),
            "invoke" when activity.Name == TeamsCardAction.InvokeName => await inbound.CardActionAsync(http, activity).ConfigureAwait(false),
            "conversationUpdate" => await inbound.ConversationUpdateAsync(activity, http.RequestAborted).ConfigureAwait(false),
            _ => inbound.Ignore(activity, "not handled"),
        };
    }

    // The Bot Framework channel retries a refused request; a body would tell an attacker nothing useful either way.
    private static IResult Unauthorized() => Results.StatusCode(StatusCodes.Status401Unauthorized);
}
