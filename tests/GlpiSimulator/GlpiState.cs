using System.Collections.Concurrent;

namespace Switchboard.GlpiSimulator;

/// <summary>What the simulated GLPI knows: its tokens, open sessions, tickets, and the failures a test switched on.</summary>
public sealed class GlpiState
{
    private readonly ConcurrentDictionary<string, bool> _sessions = new();
    private readonly ConcurrentQueue<SimulatedTicket> _tickets = new();
    private int _nextTicket = 100;
    private int _failNextCreates;
    private int _lateNextCreates;

    public string AppToken { get; set; } = "sim-app-token";
    public string UserToken { get; set; } = "sim-user-token";
    public TimeSpan Latency { get; set; }

    private volatile TaskCompletionSource _answers = Released();

    /// <summary>Completes when GLPI may answer; held, every call waits until <see cref="ReleaseAnswers"/>.</summary>
    public Task AnswersReleased => _answers.Task;

    /// <summary>Every call waits for <see cref="ReleaseAnswers"/>: a GLPI as slow as a test needs, whatever the machine's speed.</summary>
    public void HoldAnswers() => _answers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseAnswers() => _answers.TrySetResult();

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    /// <summary>How late a "late" ticket creation answers: the ticket is stored at once, the answer comes after this.</summary>
    public TimeSpan LateAnswer { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every call answers 503 with an HTML page, as a GLPI behind a proxy does while it is down.</summary>
    public bool Down { get; set; }
    private int _initSessions;
    private int _killSessions;

    public int InitSessions => Volatile.Read(ref _initSessions);
    public int KillSessions => Volatile.Read(ref _killSessions);

    public IReadOnlyList<SimulatedTicket> Tickets => [.. _tickets];
    public int OpenSessions => _sessions.Count;

    public string OpenSession()
    {
        Interlocked.Increment(ref _initSessions);
        var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        _sessions[token] = true;
        return token;
    }

    public bool IsSession(string? token) => token is not null && _sessions.ContainsKey(token);

    public void KillSession(string token)
    {
        Interlocked.Increment(ref _killSessions);
        _sessions.TryRemove(token, out _);
    }

    public void FailNextCreates(int count) => Interlocked.Exchange(ref _failNextCreates, count);

    /// <summary>The next <paramref name="count"/> ticket creations store the ticket, then answer only after <see cref="LateAnswer"/>.</summary>
    public void AnswerNextCreatesLate(int count) => Interlocked.Exchange(ref _lateNextCreates, count);

    /// <summary>Whether this ticket creation fails (one of the next N a test asked for).</summary>
    public bool ShouldFailCreate() => TakeOne(ref _failNextCreates);

    /// <summary>Whether this ticket creation answers late (one of the next N a test asked for).</summary>
    public bool ShouldAnswerCreateLate() => TakeOne(ref _lateNextCreates);

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    public SimulatedTicket AddTicket(IReadOnlyDictionary<string, string?> input)
    {
        var ticket = new SimulatedTicket(Interlocked.Increment(ref _nextTicket), input);
        _tickets.Enqueue(ticket);
        return ticket;
    }

    public void Reset()
    {
        _sessions.Clear();
        _tickets.Clear();
        (Latency, Down, _initSessions, _killSessions, LateAnswer) = (TimeSpan.Zero, false, 0, 0, TimeSpan.FromSeconds(30));
        ReleaseAnswers();
        FailNextCreates(0);
        AnswerNextCreatesLate(0);
    }
}

public sealed record SimulatedTicket(int Id, IReadOnlyDictionary<string, string?> Input);
