using System.Globalization;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>
/// The configuration a bot needs to talk to the Bot Framework stand-ins: Teams on (app id and password the token
/// endpoint accepts), inbound keys from the OpenID stand-in, the token endpoint of the connector stand-in, fast delivery
/// (100 ms polls, short backoff, a 3 s lease) and teams identities for alice, bob and carol. Keys use <c>:</c>;
/// <see cref="AsEnvironment"/> turns them into environment variables for a <c>BotProcess</c>.
/// </summary>
internal static class TeamsTestSettings
{
    public static Dictionary<string, string> For(ConnectorStandIn connector, OpenIdStandIn openId)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(openId);
        var settings = new Dictionary<string, string>
        {
            ["Teams:AppId"] = connector.AppId,
            ["Teams:AppPassword"] = connector.AppPassword,
            ["Teams:OpenIdMetadataUrl"] = openId.MetadataUrl.ToString(),
            ["Teams:TokenEndpoint"] = connector.TokenEndpoint.ToString(),
            ["Teams:CallTimeout"] = "00:00:05",
            ["Teams:MaxRetries"] = "2",
            ["Teams:Delivery:PollInterval"] = "00:00:00.100",
            ["Teams:Delivery:Lease"] = "00:00:03",
            ["Teams:Delivery:RetryBaseDelay"] = "00:00:00.200",
            ["Teams:Delivery:MaxRetryDelay"] = "00:00:01",
            ["Demo:SeedChanges"] = "false",
        };
        for (var i = 0; i < TeamsPeople.Configured.Count; i++)
        {
            var person = TeamsPeople.Configured[i];
            var at = i.ToString(CultureInfo.InvariantCulture);
            settings[$"Governance:People:{at}:Id"] = person.PersonId;
            settings[$"Governance:People:{at}:Identities:teams"] = person.AadObjectId;
        }
        return settings;
    }

    /// <summary>The same settings as environment variables (<c>Teams__AppId</c>).</summary>
    public static Dictionary<string, string> AsEnvironment(IReadOnlyDictionary<string, string> settings) =>
        settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
}
