namespace IncidentBot.Host.Practice;

/// <summary>Body of <c>POST /practice/controls</c>.</summary>
internal sealed record PracticeControlRequest(string? Control, string? Path, bool? Enabled);
