namespace Switchboard.Infrastructure.Changes;

/// <summary>
/// One read of something several open pages show (the Dashboard's summaries, the listeners' overview), shared by every
/// caller, so that N live pages refreshing after a change cost one read, not N. A caller gets a value whose read began
/// after every notice about <c>follows</c> the feed had handed out when it asked, so a page refreshing after a notice
/// always sees that change: the value of the last read while no such notice came since it began (and it is younger than
/// <c>keptFor</c>, for what changes with the clock alone), else the read under way if it began after the last notice,
/// else a new read that every caller meanwhile joins. Reads run one at a time and begin at most once per
/// <c>atMostEvery</c> (the live pages' refresh interval): under a burst of changes a caller waits for the next read,
/// at most that long, instead of starting one of its own.
/// </summary>
/// <remarks>
/// Created when a page first injects its owner, so it subscribes to the feed before any page that calls it; the feed
/// tells subscribers in the order they subscribed, so a notice counts here before a page refreshes on it.
/// </remarks>
public sealed class SharedRead<T> : IDisposable
{
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeSpan _atMostEvery;
    private readonly TimeSpan _keptFor;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private long _notices;
    private int _reads;
    private int _disposed;
    private Reading? _latest;

    /// <param name="follows">Every kind of change the value shows.</param>
    /// <param name="read">Reads the value (on a pool thread, with a token cancelled only when this is disposed).</param>
    /// <param name="atMostEvery">The shortest time between the starts of two reads.</param>
    /// <param name="keptFor">How long a value is served while nothing it follows changed.</param>
    public SharedRead(IChangeFeed feed, ChangeKind follows, Func<CancellationToken, Task<T>> read, TimeSpan atMostEvery, TimeSpan keptFor, TimeProvider time)
    {
        _read = read;
        _atMostEvery = atMostEvery;
        _keptFor = keptFor;
        _time = time;
        _subscription = feed.Subscribe(follows, _ => Interlocked.Increment(ref _notices));
    }

    /// <summary>How many reads began (for tests and the figures).</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>
    /// The value, read after every notice handed out so far; <paramref name="cancellationToken"/> ends this caller's wait,
    /// not the read others share.
    /// </summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> value;
        lock (_lock)
        {
            var notices = Interlocked.Read(ref _notices);
            if (_latest is { } latest && latest.Serves(notices, _time.GetUtcNow(), _keptFor))
            {
                value = latest.Value;
            }
            else
            {
                var (previous, next) = (_latest, new Reading());

                // Off the caller's context (a page's circuit), and not cancelled by the caller: others may join it.
                next.Value = Task.Run(() => ReadAsync(next, previous), CancellationToken.None);
                _latest = next;
                value = next.Value;
            }
        }

        return value.WaitAsync(cancellationToken);
    }

    private async Task<T> ReadAsync(Reading reading, Reading? previous)
    {
        var stopping = _stopping.Token;
        if (previous is not null)
        {
            // One read at a time, whatever became of the last one (its callers saw its failure), and at most one a period.
            await Task.WhenAny(previous.Value);
            var wait = previous.StartedAt + _atMostEvery - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stopping);
            }
        }

        lock (_lock)
        {
            reading.Begin(Interlocked.Read(ref _notices), _time.GetUtcNow());
        }

        Interlocked.Increment(ref _reads);
        return await _read(stopping);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _subscription.Dispose();
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    /// <summary>One read: waiting for its turn, under way, or done. Its state changes under the owner's lock.</summary>
    private sealed class Reading
    {
        private bool _begun;
        private long _notices;

        public Task<T> Value { get; set; } = null!;

        public DateTimeOffset StartedAt { get; private set; }

        public void Begin(long notices, DateTimeOffset at) => (_begun, _notices, StartedAt) = (true, notices, at);

        /// <summary>
        /// Whether a caller who has seen <paramref name="notices"/> notices may take this read's value: it has yet to begin
        /// (so it will see them all), or it began after the last of them and is under way, or done, successful and young.
        /// </summary>
        public bool Serves(long notices, DateTimeOffset now, TimeSpan keptFor) =>
            !_begun || (_notices == notices && (!Value.IsCompleted || (Value.IsCompletedSuccessfully && now - StartedAt < keptFor)));
    }
}
