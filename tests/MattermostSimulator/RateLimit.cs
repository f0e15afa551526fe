namespace Switchboard.MattermostSimulator;

/// <summary>
/// Mattermost's rate limiter as its documentation describes it: a number of requests per second with a burst,
/// <c>X-Ratelimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c> on every answer, and 429 with the plain text
/// <c>limit exceeded</c> when the bucket is empty. One bucket for the whole server (the portal calls with one token).
/// </summary>
public sealed class RateLimit(int perSecond, int burst)
{
    private readonly object _lock = new();
    private double _tokens = burst;
    private DateTimeOffset _last = DateTimeOffset.UtcNow;

    public int PerSecond => perSecond;

    /// <returns>Whether the request may go ahead, what remains, and the seconds until a request would be allowed again.</returns>
    public (bool Allowed, int Remaining, int ResetSeconds) Take(DateTimeOffset now)
    {
        lock (_lock)
        {
            _tokens = Math.Min(burst, _tokens + ((now - _last).TotalSeconds * perSecond));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return (true, (int)_tokens, 0);
            }

            return (false, 0, (int)Math.Ceiling((1 - _tokens) / perSecond));
        }
    }
}
