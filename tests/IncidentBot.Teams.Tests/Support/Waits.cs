namespace IncidentBot.Teams.Tests.Support;

/// <summary>
/// Waits, bounded, for a condition on state no event announces (a row in the bot's database). Looks every 50 ms and
/// returns as soon as it holds; fails with <paramref name="explain"/>'s text when <paramref name="within"/> passes first.
/// Whatever the stand-ins record is waited for with their own events instead (<c>Transcript.WaitForAsync</c>).
/// </summary>
internal static class Waits
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<Task<string>> explain)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail($"Not within {within.TotalSeconds:0.#} s: {await explain()}");
            await Task.Delay(50);
        }
    }
}
