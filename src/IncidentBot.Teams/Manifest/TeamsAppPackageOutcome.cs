namespace IncidentBot.Teams.Manifest;

/// <summary>How building the Teams app package ended.</summary>
public enum TeamsAppPackageOutcome
{
    /// <summary>The zip was written.</summary>
    Written,
    /// <summary>The manifest or an icon is not acceptable (the command-line verb exits 1).</summary>
    Invalid,
    /// <summary>The manifest or an icon file is missing (the command-line verb exits 2).</summary>
    SourceMissing,
    /// <summary>The zip could not be written where asked (the command-line verb exits 2).</summary>
    NotWritten,
}
