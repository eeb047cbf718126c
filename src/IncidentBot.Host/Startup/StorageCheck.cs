using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Postgres;
using IncidentBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IncidentBot.Host.Startup;

/// <summary>
/// Opens (creating if needed) and migrates the evidence store; a failure becomes one line naming the setting
/// (<c>Storage:DatabasePath</c> for SQLite, <c>Storage:ConnectionString</c> for PostgreSQL, never the connection
/// string itself), where the store is and what to do, with exit code <see cref="ExitCodes.StoreUnavailable"/>.
/// </summary>
internal static class StorageCheck
{
    public const string Headline = "IncidentBot will not start: the evidence store cannot be opened.";
    private const string Setting = "Storage:DatabasePath";
    private const string PostgresSetting = "Storage:ConnectionString";

    /// <summary>Initialises whichever store is registered; returns where it is, for the log.</summary>
    public static async Task<string> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<PostgresStore>() is { } shared)
        {
            await InitializeAsync(shared, cancellationToken).ConfigureAwait(false);
            return shared.Location;
        }
        var file = services.GetRequiredService<SqliteStore>();
        await InitializeAsync(file, cancellationToken).ConfigureAwait(false);
        return file.DatabasePath;
    }

    /// <summary>Initialises <paramref name="store"/> or throws <see cref="StartupFailedException"/>.</summary>
    public static async Task InitializeAsync(PostgresStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            throw new StartupFailedException(ExitCodes.StoreUnavailable, Headline, [$"{PostgresSetting} ({store.Location}) {ExplainPostgres(e)}"], e);
        }
    }

    private static string ExplainPostgres(StoreUnavailableException e) => e.InnerException switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => "was refused: the user name or password is wrong, or pg_hba.conf does not let this host in.",
        PostgresException { SqlState: "3D000" } => "names a database that does not exist: create it (owner role) first.",
        PostgresException { SqlState: "42501" } p => $"lacks a privilege the bot needs ({p.MessageText}): install the schema with the owner role and grant the bot role its privileges.",
        PostgresException { SqlState: "25006" } => "is read-only (a standby?): point it at the primary.",
        PostgresException p => $"cannot be used (PostgreSQL {p.SqlState}: {FirstLine(p.MessageText)}).",
        NpgsqlException n => $"cannot be reached: {FirstLine(n.Message)}. Is the server up and listening, and is the host and port right?",
        _ => FirstLine(e.Message),
    };

    /// <summary>Initialises <paramref name="store"/> or throws <see cref="StartupFailedException"/>.</summary>
    public static async Task InitializeAsync(SqliteStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var path = store.DatabasePath;
        if (Directory.Exists(path)) throw Fail(path, "is a folder; the setting names the database file (for example ./data/incidentbot.db).", null);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreUnavailableException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Fail(path, Explain(e), e);
        }
    }

    private static StartupFailedException Fail(string path, string what, Exception? e) =>
        new(ExitCodes.StoreUnavailable, Headline, [$"{Setting} ({path}) {what}"], e);

    private static string Explain(Exception e) => e switch
    {
        StoreUnavailableException { InnerException: SqliteException s } => s.SqliteErrorCode switch
        {
            26 => "is not a SQLite database: move the file away or point the setting at another file.",
            8 => "is read-only: make the file and its folder writable by the bot, or choose another path.",
            13 => "cannot be written: the disk is full. Free space, then start again.",
            14 => "cannot be opened: check that its folder exists and is writable, and that the path is not a folder.",
            _ => $"cannot be used (SQLite error {s.SqliteErrorCode}: {FirstLine(s.Message)}). Check the file, or choose another path.",
        },
        UnauthorizedAccessException => "cannot be created: permission denied. Make its folder writable by the bot, or choose another path.",
        IOException io => $"cannot be created: its folder cannot be made ({FirstLine(io.Message)}). Is a file in the way? Choose another path.",
        _ => $"cannot be used: {FirstLine(e.Message)}",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
