namespace IncidentBot.Teams.Manifest;

/// <summary>What <see cref="TeamsAppPackage.Create"/> did.</summary>
/// <param name="Outcome">Written, or why not.</param>
/// <param name="Message">The package path when written, else a sentence saying what is wrong.</param>
/// <param name="PackagePath">Full path of the zip when written.</param>
/// <param name="AppId">The app id inside the package when written.</param>
/// <param name="UsesPlaceholderId">True when the package still carries the all-zero placeholder id (Teams will not
/// reach the bot with it).</param>
public sealed record TeamsAppPackageResult(TeamsAppPackageOutcome Outcome, string Message, string? PackagePath = null,
    string? AppId = null, bool UsesPlaceholderId = false)
{
    internal static TeamsAppPackageResult Written(string path, string appId, bool placeholder) =>
        new(TeamsAppPackageOutcome.Written, path, path, appId, placeholder);

    internal static TeamsAppPackageResult Invalid(string message) => new(TeamsAppPackageOutcome.Invalid, message);

    internal static TeamsAppPackageResult Missing(string message) => new(TeamsAppPackageOutcome.SourceMissing, message);

    internal static TeamsAppPackageResult NotWritten(string message) => new(TeamsAppPackageOutcome.NotWritten, message);
}
