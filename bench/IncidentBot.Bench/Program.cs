using IncidentBot.Bench;

// Ack latency and throughput of signed Slack slash commands and button clicks with evidence committed durably,
// next to a bare ASP.NET endpoint doing one durable SQLite insert per request, measured in the same run.
var options = BenchOptions.Parse(args);
Console.WriteLine($"bench: {options.Clients} clients, {options.Duration.TotalSeconds:F0} s per target, warm-up {options.Warmup.TotalSeconds:F0} s");
await using var baseline = await BaselineServer.StartAsync();
await using var bot = await BotUnderTest.StartAsync();

var rows = new List<LoadResult>
{
    await LoadRunner.RunAsync("baseline: bare endpoint, 1 SQLite insert (WAL, synchronous=FULL)", baseline.Client, baseline.NextRequest, options),
    await LoadRunner.RunAsync("bot: signed /incident note (slash command)", bot.Client, bot.NextSlashCommand, options),
    await LoadRunner.RunAsync("bot: signed button click (block_actions)", bot.Client, bot.NextButtonClick, options),
};
Console.WriteLine();
Console.WriteLine(LoadResult.MarkdownHeader);
foreach (var r in rows) Console.WriteLine(r.ToMarkdownRow());
Console.WriteLine();
Console.WriteLine($"evidence events committed by the bot: {await bot.CountEventsAsync()}; chains: {await bot.VerifyAsync()}");
return rows.All(r => r.Errors == 0) ? 0 : 1;
