namespace IncidentBot.Host.Practice;

/// <summary>Answer of <c>POST /practice/controls</c>: what was set, first, so the step's evidence (which keeps the start
/// of the response, never the request) says whether the control was turned on or off; then the service's health.</summary>
internal sealed record PracticeControlResult(string Control, string Path, bool Enabled, PracticeHealth Health);
