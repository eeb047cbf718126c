namespace IncidentBot.Integrations.Tests.Support;

/// <summary>One request as the stand-in server saw it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedUtc);
