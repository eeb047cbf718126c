using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IncidentBot.Host.Practice;

/// <summary>
/// Where the shipped runbooks' settings point in Development: at this bot's own practice service, on whatever address
/// the bot is actually listening on (<c>--urls http://127.0.0.1:5099</c>, or port 0 in tests), not a fixed port.
/// <c>Executors:Settings:deploy_url</c>, <c>control_url</c>, <c>prometheus_url</c> and <c>health_url</c> are derived
/// once the server has started, and the same four under <c>Executors:DrillSettings</c> (drills practise on the practice
/// service by default); a value set explicitly anywhere in the configuration still wins, because the derived
/// values are the lowest-priority configuration source (<see cref="AddTo"/>).
/// </summary>
public sealed class PracticeUrls : ConfigurationProvider, IConfigurationSource
{
    /// <summary>The settings derived, each a path under the bot's own address.</summary>
    public static readonly IReadOnlyDictionary<string, string> Paths = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["deploy_url"] = "/practice",
        ["control_url"] = "/practice",
        ["prometheus_url"] = "/practice/prometheus",
        ["health_url"] = "/practice/health",
    };

    private static readonly string[] Sections = ["Executors:Settings:", "Executors:DrillSettings:"];

    /// <summary>Adds the (still empty) source below every other one, when the practice service will run.</summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsDevelopment() || !builder.Configuration.GetValue<bool>($"{PracticeOptions.SectionName}:Enabled")) return;
        var source = new PracticeUrls();
        builder.Configuration.Sources.Insert(0, source);
        builder.Services.AddSingleton(source);
    }

    /// <summary>
    /// Fills the settings in from the started server's address (http on loopback preferred; a wildcard such as
    /// <c>0.0.0.0</c> is reached through loopback) and tells the configuration they changed. Returns the base
    /// address used, or null when the practice service is off or the server reports no http address.
    /// </summary>
    public static string? Publish(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<PracticeUrls>() is not { } source || !PracticeEndpoints.IsEnabled(app)) return null;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (Choose(addresses) is not { } root) return null;
        source.Data = Sections.SelectMany(section => Paths.Select(p => (Key: section + p.Key, Value: (string?)(root + p.Value))))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        source.OnReload();
        return root;
    }

    /// <summary>The address to call this bot on: http before https, loopback before anything else; a wildcard host
    /// becomes loopback. Without a trailing slash (<c>http://127.0.0.1:5099</c>). Null when there is none.</summary>
    public static string? Choose(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return addresses
            .Select(a => Uri.TryCreate(Reachable(a), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
            .OfType<Uri>()
            .OrderBy(u => u.Scheme == "http" ? 0 : 1)
            .ThenBy(u => IsLoopback(u) ? 0 : 1)
            .Select(u => u.GetLeftPart(UriPartial.Authority))
            .FirstOrDefault();
    }

    IConfigurationProvider IConfigurationSource.Build(IConfigurationBuilder builder) => this;

    // Kestrel reports what it bound: "http://[::]:5080", "http://0.0.0.0:5080" or "http://+:5080" listen everywhere,
    // which is not an address to call; loopback reaches the same socket.
    private static string Reachable(string address)
    {
        foreach (var (wildcard, loopback) in new[] { ("://+:", "://127.0.0.1:"), ("://*:", "://127.0.0.1:"), ("://0.0.0.0:", "://127.0.0.1:"), ("://[::]:", "://[::1]:") })
            if (address.Contains(wildcard, StringComparison.Ordinal)) return address.Replace(wildcard, loopback, StringComparison.Ordinal);
        return address;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
}
