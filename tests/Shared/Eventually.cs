using System.Diagnostics;

namespace Switchboard.Testing;

/// <summary>
/// The one way a test waits for something it caused but does not time: background work, a server starting, a queue
/// draining. It polls a probe until the value is what the test expects, with a deadline generous enough for a loaded
/// two-core machine, and fails saying what was awaited and the last value seen. Linked into every test project
/// (tests/Shared/Eventually.cs), so there is one definition.
/// </summary>
public static class Eventually
{
    /// <summary>How long a test waits by default: far beyond what anything takes on a quiet machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its value, and returns that value.</summary>
    public static async Task<T> MatchesAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done, TimeSpan? deadline = null)
    {
        var within = deadline ?? DefaultDeadline;
        var cancellationToken = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var pause = FirstPause;
        var polls = 0;
        T last;
        while (true)
        {
            last = await probe();
            polls++;
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed >= within)
            {
                break;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }

        throw new TimeoutException(
            $"Waited {within.TotalSeconds:0} s ({polls} polls) for {what}; the last value seen was {Describe(last)}.");
    }

    /// <summary>Polls <paramref name="probe"/> until it finds something (not null), and returns it.</summary>
    public static async Task<T> FoundAsync<T>(string what, Func<Task<T?>> probe, TimeSpan? deadline = null)
        where T : class =>
        (await MatchesAsync(what, probe, found => found is not null, deadline))!;

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task TrueAsync(string what, Func<Task<bool>> condition, TimeSpan? deadline = null) =>
        MatchesAsync(what, condition, holds => holds, deadline);

    /// <summary>Polls <paramref name="condition"/> (in-memory state, no I/O) until it holds.</summary>
    public static Task TrueAsync(string what, Func<bool> condition, TimeSpan? deadline = null) =>
        MatchesAsync(what, () => Task.FromResult(condition()), holds => holds, deadline);

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing (null)",
        string text => $"\"{text}\"",
        System.Collections.IEnumerable items and not string =>
            $"[{string.Join(", ", items.Cast<object?>().Take(10).Select(i => i?.ToString() ?? "null"))}]",
        _ => value.ToString() ?? typeof(T).Name,
    };
}
