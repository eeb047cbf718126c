using IncidentBot.Host.Cli;

// One executable: the web host (`serve`, the default verb) and the operator's command-line tools.
return await CommandLine.RunAsync(args);

/// <summary>Entry point type, public for <c>WebApplicationFactory</c> tests.</summary>
public partial class Program;
