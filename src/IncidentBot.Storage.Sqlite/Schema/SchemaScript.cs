namespace IncidentBot.Storage.Sqlite.Schema;

/// <summary>One numbered schema script (<c>0001_initial.sql</c> is version 1).</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);
