namespace IncidentBot.Bench;

/// <summary>
/// The child side of <see cref="ServerProcess"/>: start one server, print <c>READY {url}</c> on stdout, serve until
/// stdin says <c>STOP</c> or closes (the parent went away).
/// </summary>
internal static class ServeMode
{
    public const string ReadyPrefix = "READY ";

    public static async Task<int> RunAsync(ServeOptions options)
    {
        IServedTarget target = options.Kind switch
        {
            ServeOptions.Bot => await BotUnderTest.StartAsync(options),
            ServeOptions.Baseline => await BaselineServer.StartAsync(options),
            _ => await GroupCommitBaseline.StartAsync(options),
        };
        await using (target)
        {
            Console.Out.WriteLine(ReadyPrefix + target.Url);
            Console.Out.Flush();
            while (await Console.In.ReadLineAsync() is { } line && line != "STOP")
            {
            }
        }
        return 0;
    }
}
