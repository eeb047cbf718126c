using System.Diagnostics;
using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>CPU time of processes as Linux counts it in <c>/proc/{pid}/stat</c> (user plus system, in clock ticks).</summary>
internal static class ProcCpu
{
    private static readonly Lazy<long> TicksPerSecond = new(ReadTicksPerSecond);

    /// <summary>What <paramref name="pid"/> has used itself so far.</summary>
    public static TimeSpan Of(int pid) => Seconds(Ticks(pid, out _, withReapedChildren: false));

    /// <summary>
    /// What <paramref name="pid"/> and its children have used so far: its own, its children's that it has reaped, and
    /// its live children's. A child that exits between two readings moves from the last term to the second, so the
    /// difference of two readings stays right (how PostgreSQL's backends come and go under the postmaster).
    /// </summary>
    public static TimeSpan WithChildren(int pid)
    {
        var ticks = Ticks(pid, out _, withReapedChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child) || child == pid) continue;
            try
            {
                var own = Ticks(child, out var parent, withReapedChildren: false);
                if (parent == pid) ticks += own;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process went away while we looked.
            }
        }
        return Seconds(ticks);
    }

    private static long Ticks(int pid, out int parent, bool withReapedChildren)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Counted from the state field (field 3 of proc(5)): ppid is field 4, utime..cstime are fields 14 to 17.
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        parent = (int)Field(4);
        return Field(14) + Field(15) + (withReapedChildren ? Field(16) + Field(17) : 0);
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / (double)TicksPerSecond.Value);

    private static long ReadTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true });
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return long.TryParse(text, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
