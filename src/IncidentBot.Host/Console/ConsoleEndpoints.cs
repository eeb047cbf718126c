using System.Reflection;
using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Telemetry;
using IncidentBot.Host.Api;
using IncidentBot.Host.Composition;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Logging;
using IncidentBot.Host.ApiDocs;

namespace IncidentBot.Host.Console;

/// <summary>
/// The local console: a chat-like page and its JSON API. It is a surface like Slack or Teams: it translates to
/// <see cref="CommandEnvelope"/> and renders <see cref="Card"/>s; the engine decides everything. Threads are incidents.
/// </summary>
public static class ConsoleEndpoints
{
    private static readonly Assembly PageAssembly = typeof(ConsoleEndpoints).Assembly;

    /// <summary>True when <c>Console:Enabled</c>, or unset in Development.</summary>
    public static bool IsEnabled(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return IsEnabled(app.Configuration, app.Environment);
    }

    /// <summary>True when <c>Console:Enabled</c>, or unset in Development.</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var o = configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>();
        return o?.Enabled ?? environment.IsDevelopment();
    }

    /// <summary>The console's outbound half: its shared room, its sender and the delivery worker for it.</summary>
    public static IServiceCollection AddConsoleSurface(this IServiceCollection services)
    {
        services.AddOptions<ConsoleRoomOptions>().BindConfiguration(ConsoleRoomOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConsoleRoom>();
        services.AddSingleton<INotificationSender, ConsoleNotificationSender>();
        return services.AddNotificationDelivery(Surfaces.Console);
    }

    /// <summary>The page's Content-Security-Policy: its own script and styles only (no inline script, so text from
    /// alerts or people can never run), no plugins, no base rewriting, never framed (no click-jacking of buttons
    /// that approve production changes).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Example body of <c>POST /api/console/messages</c> in the OpenAPI document.</summary>
    internal const string MessageExample =
        """{"user": "alice", "text": "/incident declare Checkout errors sev2 runbook=service-release", "thread": null, "deliveryId": "page-7f3a-1"}""";

    /// <summary>Maps <c>/console</c> and <c>/api/console/*</c> (thread history: <see cref="ConsoleHistory"/>; the live room:
    /// <see cref="ConsoleStream"/>). The API needs the API key like every other
    /// <c>/api</c> route (it acts as any person, approvers included); the page asks for it outside Development.</summary>
    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", (HttpContext http) => Page(http, "index.html"));
        app.MapGet("/console/{file}", (HttpContext http, string file) => Page(http, file));
        var api = app.MapGroup("/api/console").RequireApiKey().WithTags("Console");
        api.MapGet("/people", (IncidentEngine engine) =>
            Results.Ok(engine.People.People.Select(p => new { id = p.Id, name = p.DisplayName, groups = p.Groups.Order() })))
            .WithSummary("List people").WithDescription("The people the console may speak as, with their groups (Governance:People).");
        api.MapPost("/messages", PostMessageAsync).WithSummary("Send a console message")
            .WithDescription("Sends a command line as a person, in the channel (thread null) or an incident's thread; answers with the outcome and the replies. A repeated deliveryId applies once.")
            .WithJsonBodyExample<ConsoleMessageRequest>(MessageExample, "user", "text")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status400BadRequest);
        api.MapConsoleStream();
        api.MapConsoleHistory();
        return app;
    }

    private static async Task<IResult> PostMessageAsync(HttpRequest request, IncidentEngine engine, ConsoleRoom room, ILoggerFactory loggers, CancellationToken ct)
    {
        ConsoleMessageRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ConsoleMessageRequest>(ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { error = "The body must be JSON: {\"user\": \"alice\", \"text\": \"/incident …\"}." });
        }
        catch (InvalidOperationException)
        {
            return Results.BadRequest(new { error = "The body must be JSON (Content-Type: application/json)." });
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Json(new { error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The body is larger than {Composition.BotApp.MaxRequestBodyBytes / 1024} KiB." : "The body could not be read." }, statusCode: ex.StatusCode);
        }
        if (body is null || string.IsNullOrWhiteSpace(body.User) || body.Text is null)
            return Results.BadRequest(new { error = "Both user and text are required." });
        if (body.Thread is not null && !CommandParser.IsIncidentId(body.Thread))
            return Results.BadRequest(new { error = "thread must be an incident id such as INC-3, or null." });
        if (body.DeliveryId is { Length: > 200 })
            return Results.BadRequest(new { error = "deliveryId is too long (200 characters at most)." });
        if (body.Tab is { Length: > 64 })
            return Results.BadRequest(new { error = "tab is too long (64 characters at most)." });

        // A console thread is its incident: the engine reads a conversation named by an incident id as that incident.
        var envelope = new CommandEnvelope(Surfaces.Console, body.User.Trim(), body.Text, IncidentIds.Normalize(body.Thread),
            body.DeliveryId is null ? null : "console:" + body.DeliveryId,
            Conversation: new Core.Conversations.ConversationReference(Surfaces.Console, Core.Conversations.ConversationReference.ConsoleRoom));
        var logger = loggers.CreateLogger("IncidentBot.Console");
        // Every line of this command carries its incident, surface and delivery id (the request's when the page sent none).
        var scope = LogScope.For(envelope);
        scope.DeliveryId ??= "console:request:" + request.HttpContext.TraceIdentifier;
        using var logScope = logger.BeginScope(scope);
        var result = await engine.HandleAsync(envelope, ct).ConfigureAwait(false);
        scope.IncidentId = result.IncidentId ?? scope.IncidentId;
        // Everyone in the room sees the line and the public replies; ephemeral replies go back to this page only.
        room.Said(envelope.UserId, body.Text, envelope.ConversationKey, body.Tab, result);
        Log.CommandHandled(logger, Surfaces.Console, Core.Conversations.ReplyPolicy.VerbOf(body.Text), result.IncidentId ?? "-", result.Outcome.ToString());
        return Results.Ok(new
        {
            incidentId = result.IncidentId,
            outcome = result.Outcome,
            replies = result.Replies.Select(r => new { visibility = r.Visibility, card = r.Card }),
        });
    }

    private static IResult Page(HttpContext http, string file)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var name = PageAssembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".Console.Page." + file, StringComparison.Ordinal));
        if (name is null) return Results.NotFound();
        var type = Path.GetExtension(file) switch { ".css" => "text/css", ".js" => "text/javascript", _ => "text/html" };
        return Results.Stream(PageAssembly.GetManifestResourceStream(name)!, type + "; charset=utf-8");
    }
}
