using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>Command-line options: <c>--clients N</c> (default 8), <c>--seconds S</c> (default 10), <c>--warmup S</c> (default 2).</summary>
internal sealed record BenchOptions(int Clients, TimeSpan Duration, TimeSpan Warmup)
{
    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchOptions(Math.Clamp(Get("--clients", 8), 1, 256), TimeSpan.FromSeconds(Math.Clamp(Get("--seconds", 10), 1, 300)),
            TimeSpan.FromSeconds(Math.Clamp(Get("--warmup", 2), 0, 60)));
    }
}
