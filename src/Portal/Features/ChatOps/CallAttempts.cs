using Switchboard.Domain.Text;
using Switchboard.Infrastructure.ChatOps;

namespace Switchboard.Portal.Features.ChatOps;

/// <summary>How a failed call's attempts read, in the call log and on the call's page.</summary>
public static class CallAttempts
{
    public static string Text(CallRow call) =>
        $"{Plural.Of(call.Attempts, "attempt")}{(call.NextAttemptAt is { } next ? $", next at {next:yyyy-MM-dd HH:mm:ss} UTC" : call.Status == Domain.ChatOps.CallStatus.Failed ? ", waiting for a Retry" : "")}";
}
