using IncidentBot.Core.Evidence;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>Refuses malformed appends before any lock is taken (<see cref="AppendValidation.Validate"/>).</summary>
    private static string? ValidateAppend(AppendRequest request) => AppendValidation.Validate(request);

    private static int IncidentNumber(string stream) => AppendValidation.IncidentNumber(stream);

    private static bool TryParseIncidentNumber(string stream, out int number) =>
        AppendValidation.TryParseIncidentNumber(stream, out number);
}
