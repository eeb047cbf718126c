namespace IncidentBot.Integrations.Checks;

/// <summary>What one check poll got back: a status and body, or why there is none (<see cref="Problem"/>).</summary>
internal sealed record CheckResponse(int Status, string Body, string? Problem)
{
    public static CheckResponse Failed(string problem) => new(0, "", problem);
}
