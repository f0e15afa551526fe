namespace Switchboard.Domain.Retries;

/// <summary>
/// When a failed piece of work (an e-mail of the outbox, a ChatOps call to GLPI) is tried again: the n-th failed attempt
/// waits <see cref="FirstDelay"/> × 2^(n−1) (the doubling stops after <see cref="MaxDoublings"/>), and after
/// <see cref="MaxAttempts"/> attempts there is no next one. Pure: the caller says what time it is.
/// </summary>
public sealed record RetrySchedule(int MaxAttempts, TimeSpan FirstDelay)
{
    public const int MaxDoublings = 10;

    /// <summary>How long to wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public TimeSpan DelayAfter(int attempts) => FirstDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, MaxDoublings));

    /// <summary>Whether <paramref name="attempts"/> attempts use up the schedule.</summary>
    public bool IsExhausted(int attempts) => attempts >= MaxAttempts;

    /// <summary>When the next attempt is due after <paramref name="attempts"/> attempts, the last failing at <paramref name="failedAt"/>; null when none is left.</summary>
    public DateTime? NextAttempt(int attempts, DateTime failedAt) => IsExhausted(attempts) ? null : failedAt + DelayAfter(attempts);
}
