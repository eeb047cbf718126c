using IncidentBot.Bench;

// One run measures everything side by side: the real bot (signed slash commands and button clicks, delivery on), a
// bare endpoint with per-request commits and one with group commit, each server in its own process; then a burst
// against a rate-limited Slack stand-in; then the scale-out section: the same slash-command load on one node on SQLite,
// one on PostgreSQL and two sharing one PostgreSQL database (--scale-out-only runs just that); then the telemetry
// section: the bot with metrics and traces on next to the same bot with them off (--telemetry-only runs just that).
// Prints markdown tables with ratios and the targets of issues 12 and 15.
if (ServeOptions.IsServe(args)) return await ServeMode.RunAsync(ServeOptions.Parse(args));
return await BenchRun.RunAsync(BenchOptions.Parse(args));
