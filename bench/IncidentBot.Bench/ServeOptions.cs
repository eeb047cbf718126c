using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>
/// How the bench re-invokes itself as one server under test: <c>--serve bot|baseline|group-baseline</c>,
/// <c>--port N</c> (0 = any), <c>--db PATH</c>, and for the bot <c>--slack URL</c> (the Web API stand-in),
/// <c>--incidents N</c>, <c>--events N</c> (events each incident holds before the server reports ready),
/// <c>--channel-per-incident</c> (incident k is declared in channel <c>C0BENCH{k}</c> instead of one shared channel),
/// <c>--storage sqlite|postgres</c> (default sqlite, on <c>--db</c>) and for PostgreSQL <c>--signing-key PATH</c>; the
/// connection string comes in the environment (<see cref="BotStorage.ConnectionStringVariable"/>), never on the
/// command line; <c>--telemetry off</c> starts the bot with <c>Telemetry:Enabled=false</c> (no metrics, no traces).
/// </summary>
internal sealed record ServeOptions(string Kind, int Port, string Db, Uri? Slack, int Incidents, int Events, bool ChannelPerIncident,
    BotStorage? Storage = null, bool Telemetry = true)
{
    public const string Bot = "bot";
    public const string Baseline = "baseline";
    public const string GroupBaseline = "group-baseline";

    public static bool IsServe(string[] args) => args.Contains("--serve");

    public static ServeOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var kind = Get("--serve") ?? throw new ArgumentException("--serve needs bot, baseline or group-baseline");
        if (kind is not (Bot or Baseline or GroupBaseline)) throw new ArgumentException($"unknown server '{kind}'");
        var storage = Get("--storage") switch
        {
            null or BotStorage.Sqlite => BotStorage.OnSqlite,
            BotStorage.Postgres => BotStorage.OnPostgres(
                Environment.GetEnvironmentVariable(BotStorage.ConnectionStringVariable) is { Length: > 0 } cs ? cs
                    : throw new ArgumentException($"--storage postgres needs the connection string in {BotStorage.ConnectionStringVariable}"),
                Get("--signing-key") ?? throw new ArgumentException("--storage postgres needs --signing-key PATH")),
            var other => throw new ArgumentException($"unknown storage '{other}'"),
        };
        return new ServeOptions(kind, Int("--port", 0), Get("--db") ?? throw new ArgumentException("--db PATH is required"),
            Get("--slack") is { } slack ? new Uri(slack) : null, Int("--incidents", 20), Int("--events", 0), args.Contains("--channel-per-incident"),
            storage, Get("--telemetry") != "off");
    }

    public string[] ToArgs()
    {
        var args = new List<string> { "--serve", Kind, "--port", Port.ToString(CultureInfo.InvariantCulture), "--db", Db,
            "--incidents", Incidents.ToString(CultureInfo.InvariantCulture), "--events", Events.ToString(CultureInfo.InvariantCulture) };
        if (Slack is not null) args.AddRange(["--slack", Slack.ToString()]);
        if (ChannelPerIncident) args.Add("--channel-per-incident");
        if (Storage is { Provider: BotStorage.Postgres } pg) args.AddRange(["--storage", pg.Provider, "--signing-key", pg.SigningKeyPath!]);
        if (!Telemetry) args.AddRange(["--telemetry", "off"]);
        return [.. args];
    }
}
