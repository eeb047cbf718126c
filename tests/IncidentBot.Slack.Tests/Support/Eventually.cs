namespace IncidentBot.Slack.Tests.Support;

/// <summary>Waits, bounded, for something another thread or process does.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> explain)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail($"Not within {within.TotalSeconds:0.#} s: {explain()}");
            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan within, Func<string> explain) =>
        TrueAsync(() => Task.FromResult(condition()), within, explain);
}
