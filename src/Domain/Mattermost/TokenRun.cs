namespace Switchboard.Domain.Mattermost;

/// <summary>One run of the token job: who or what started it, how it ended, and its counts.</summary>
public sealed class TokenRun
{
    public const int ReasonMaxLength = 500;

    private TokenRun()
    {
    }

    public long Id { get; private set; }

    /// <summary>"schedule", or the person or API key that asked.</summary>
    public string TriggeredBy { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public TokenRunStatus Status { get; private set; }

    /// <summary>Why the run was skipped or failed, when it was.</summary>
    public string? Reason { get; private set; }
    public int Processed { get; private set; }
    public int Generated { get; private set; }
    public int Rotated { get; private set; }
    public int AlreadyValid { get; private set; }
    public int NotFound { get; private set; }
    public int Failed { get; private set; }

    /// <summary>How many people the run has to do, known once it has looked: what another instance shows its progress against.</summary>
    public int Planned { get; private set; }

    /// <summary>Who asked the run to stop from an instance other than the one running it; the run stops at its next write.</summary>
    public string? CancelRequestedBy { get; private set; }

    public static TokenRun Start(string triggeredBy, DateTime now) => new() { TriggeredBy = triggeredBy, StartedAt = now, Status = TokenRunStatus.Running };

    public void Count(TokenOutcomeKind outcome)
    {
        Processed++;
        switch (outcome)
        {
            case TokenOutcomeKind.Generated:
                Generated++;
                break;
            case TokenOutcomeKind.Rotated:
                Rotated++;
                break;
            case TokenOutcomeKind.NotFound:
                NotFound++;
                break;
            case TokenOutcomeKind.Failed:
                Failed++;
                break;
        }
    }

    public void SetAlreadyValid(int count) => AlreadyValid = count;

    public void Plan(int people) => Planned = people;

    public void RequestCancel(string by) => CancelRequestedBy = by;

    public void Finish(TokenRunStatus status, string? reason, DateTime now)
    {
        Status = status;
        Reason = reason is { Length: > ReasonMaxLength } ? reason[..ReasonMaxLength] : reason;
        FinishedAt = now;
    }
}

public enum TokenRunStatus
{
    Running,
    Succeeded,

    /// <summary>The integration is not configured or not usable (the reason says which); nothing was called.</summary>
    Skipped,
    Cancelled,
    Failed,
}
