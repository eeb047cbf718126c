namespace IncidentBot.Slack.Tests.Support;

/// <summary>The official Slack payload fixtures copied to the test output's <c>Fixtures/</c> folder.</summary>
internal static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
