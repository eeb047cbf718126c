using System.Globalization;
using System.Net.Http.Headers;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// Generates hostile requests for every route from one seeded <see cref="Random"/>, and sends them with valid or
/// invalid credentials: Slack signatures (none, wrong secret, stale, garbage), Bot Framework tokens (none, garbage,
/// unpublished key, expired, <c>alg: none</c>, wrong audience) and API keys (none, wrong, empty).
/// </summary>
internal sealed class FuzzRequests(Random random, string apiKey, BotFrameworkKeySet keys, string appId, string serviceUrl)
{
    /// <summary>Route family and path; GET routes carry their hostile input in the path and query.</summary>
    public static readonly IReadOnlyList<(string Route, string Path, string ContentType)> Routes =
    [
        ("slack-commands", "/slack/commands", SlackPayloads.Form), ("slack-interactions", "/slack/interactions", SlackPayloads.Form),
        ("slack-events", "/slack/events", SlackPayloads.Json), ("teams", "/api/messages", SlackPayloads.Json),
        ("console", "/api/console/messages", SlackPayloads.Json), ("signals", "/api/signals", SlackPayloads.Json),
        ("alertmanager", "/api/signals/alertmanager", SlackPayloads.Json), ("changes", "/api/changes", SlackPayloads.Json),
        ("incidents", "/api/incidents", SlackPayloads.Json),
    ];

    private static readonly string?[] OtherContentTypes = [null, "text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x", SlackPayloads.Form, SlackPayloads.Json];

    private readonly HostileText text = new(random);
    private readonly FuzzBodies bodies = new(new HostileText(random), serviceUrl, appId);

    /// <summary>The next request; <paramref name="validCredentials"/> false makes it one every route must refuse.</summary>
    public FuzzRequest Next(bool validCredentials)
    {
        var (route, path, contentType) = text.Pick(Routes);
        if (route == "incidents")
        {
            var id = Uri.EscapeDataString(HostileText.Raw(random.Next(3) == 0 ? "INC-" + random.Next(1, 6) : text.Next()).Replace('\uD800', '?').Replace('\uDFFF', '?'));
            var query = Uri.EscapeDataString(text.Pick(["md", "csv", "json", "xml", "MD", "%00"]));
            var get = text.Pick([$"/api/incidents/{id}", $"/api/incidents/{id}/timeline?format={query}", "/api/incidents?all=" + id,
                "/api/console/feed?after=" + id, "/api/changes?service=" + id, "/api/runbooks", "/api/console/people"]);
            return new FuzzRequest(route, HttpMethod.Get, get, [], null, validCredentials, "get");
        }
        var (body, shape) = bodies.For(route);
        var type = random.Next(8) == 0 ? text.Pick(OtherContentTypes) : contentType;
        return new FuzzRequest(route, HttpMethod.Post, path, body, type, validCredentials, shape);
    }

    /// <summary>The HTTP request for <paramref name="fuzz"/>, with its credentials.</summary>
    public HttpRequestMessage ToHttp(FuzzRequest fuzz)
    {
        var request = new HttpRequestMessage(fuzz.Method, fuzz.Path);
        if (fuzz.Method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            // Kestrel closes a connection whose request body it could not read to the end (over its limit, or
            // refused unread): do not let the next request land on that closing connection.
            request.Headers.ConnectionClose = fuzz.Body.Length > 32 * 1024;
        }
        if (fuzz.Route.StartsWith("slack-", StringComparison.Ordinal)) SignSlack(request, fuzz);
        else if (fuzz.Route == "teams") AddTeamsToken(request, fuzz.ValidCredentials);
        else AddApiKey(request, fuzz.ValidCredentials);
        return request;
    }

    private void SignSlack(HttpRequestMessage request, FuzzRequest fuzz)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var choice = fuzz.ValidCredentials ? -1 : random.Next(4);
        if (choice == 0) return; // unsigned
        var ts = (choice == 2 ? now - 600 : now).ToString(CultureInfo.InvariantCulture);
        var signature = choice switch
        {
            1 => SlackSigner.Sign("not-the-secret", ts, fuzz.Body),
            3 => text.Pick(["v0=" + new string('a', 64), "v1=" + new string('0', 64), "v0=zz", "", "v0=" + new string('g', 64), "v0=" + new string('A', 64)]),
            _ => SlackSigner.Sign(SlackBot.Secret, ts, fuzz.Body),
        };
        request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", ts);
        request.Headers.TryAddWithoutValidation("X-Slack-Signature", signature);
    }

    private void AddTeamsToken(HttpRequestMessage request, bool valid)
    {
        var claims = BotFrameworkTokenClaims.For(appId, DateTimeOffset.UtcNow) with { ServiceUrl = serviceUrl };
        string? token = (valid ? -1 : random.Next(6)) switch
        {
            -1 => BotFrameworkTokenMinter.MintToken(keys.Teams, claims),
            0 => null,
            1 => text.Pick(["garbage", "a.b.c", "", "eyJhbGciOiJub25lIn0.e30.", new string('A', 5000)]),
            2 => BotFrameworkTokenMinter.MintToken(keys.Unpublished, claims, keys.Teams.KeyId),
            3 => BotFrameworkTokenMinter.MintToken(keys.Teams, claims with { NotBefore = DateTimeOffset.UtcNow.AddHours(-3), Expires = DateTimeOffset.UtcNow.AddHours(-2) }),
            4 => BotFrameworkTokenMinter.MintUnsigned(claims, keys.Teams.KeyId),
            _ => BotFrameworkTokenMinter.MintToken(keys.Teams, claims with { Audience = "someone-else" }),
        };
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
    }

    private void AddApiKey(HttpRequestMessage request, bool valid)
    {
        if (valid) { request.Headers.Add("X-Api-Key", apiKey); return; }
        switch (random.Next(4))
        {
            case 0: return;
            case 1: request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey + "x"); return;
            case 2: request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-" + random.Next()); return;
            default: request.Headers.TryAddWithoutValidation("X-Api-Key", ""); return;
        }
    }
}
