namespace Switchboard.Infrastructure.Jobs;

/// <summary>How one run of a job ended, with a line for the Background jobs page.</summary>
public sealed record JobRunResult(JobOutcome Outcome, string? Message = null)
{
    public static JobRunResult Succeeded(string? message = null) => new(JobOutcome.Succeeded, message);

    public static JobRunResult Skipped(string reason) => new(JobOutcome.Skipped, reason);
}
