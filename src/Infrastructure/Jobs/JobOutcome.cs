namespace Switchboard.Infrastructure.Jobs;

public enum JobOutcome
{
    Succeeded,
    Failed,
    Skipped,
}
