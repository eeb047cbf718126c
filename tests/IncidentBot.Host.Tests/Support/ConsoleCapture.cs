using IncidentBot.Host.Cli;

namespace IncidentBot.Host.Tests.Support;

/// <summary>Runs the CLI in-process with System.Console redirected. Console is process-global, so every test that
/// uses this belongs to the non-parallel <see cref="ConsoleCollection"/>.</summary>
internal static class ConsoleCapture
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var (oldOut, oldError) = (System.Console.Out, System.Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        System.Console.SetOut(output);
        System.Console.SetError(error);
        try
        {
            var code = await CommandLine.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            System.Console.SetOut(oldOut);
            System.Console.SetError(oldError);
        }
    }
}

/// <summary>Tests that redirect System.Console: run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "System.Console";
}
