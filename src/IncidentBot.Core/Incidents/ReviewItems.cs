namespace IncidentBot.Core.Incidents;

/// <summary>A learning or contributing factor, with who recorded it and when.</summary>
public sealed record ReviewItem(string Text, string By, DateTimeOffset AtUtc);

/// <summary>A follow-up action: what, who owns it (a governance person id, or null), when it is due, who recorded it and when.</summary>
public sealed record FollowUpItem(string Text, string? Owner, DateOnly? Due, string By, DateTimeOffset AtUtc);

/// <summary>The answer to review question <paramref name="Number"/> (1-based).</summary>
public sealed record ReviewAnswer(int Number, string Question, string Text, string By, DateTimeOffset AtUtc);
