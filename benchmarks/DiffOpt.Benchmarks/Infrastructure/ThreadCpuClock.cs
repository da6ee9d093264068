using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace DiffOpt.Benchmarks.Infrastructure;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time of the calling thread (Linux
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>) instead of wall-clock time. On a machine shared with other
/// busy processes, wall-clock time also counts the time the benchmark thread waited for a core; thread CPU time
/// does not, so ratios measured with it are far less noisy. It only makes sense in-process (the thread that runs
/// the workload is the thread that reads the clock).
/// </summary>
public sealed class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID in <time.h> on Linux

    /// <summary>The single instance.</summary>
    public static readonly ThreadCpuClock Instance = new();

    /// <inheritdoc />
    public string Title => "ThreadCpuTime";

    /// <inheritdoc />
    public bool IsAvailable => OperatingSystem.IsLinux();

    /// <inheritdoc />
    public Frequency Frequency => Frequency.GHz; // timestamps are nanoseconds

    /// <inheritdoc />
    public long GetTimestamp()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
