using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Http;

namespace Switchboard.Infrastructure.ChatOps;

internal sealed class ChatOpsOptionsValidator : IValidateOptions<ChatOpsOptions>
{
    private const string Section = ChatOpsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ChatOpsOptions options)
    {
        var failures = new List<string>();
        if (options.ReplyWithin <= TimeSpan.Zero || options.ReplyWithin > TimeSpan.FromSeconds(25))
        {
            failures.Add($"{Section}:ReplyWithin must be between 0 and 25 seconds (Mattermost stops waiting at 30).");
        }

        if (options.GlpiTimeout <= TimeSpan.Zero || options.FirstRetryDelay <= TimeSpan.Zero || options.RetryInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:GlpiTimeout and FirstRetryDelay must be positive, RetryInterval not negative.");
        }

        if (options.GlpiTimeout > HttpResilience.LongestCall)
        {
            failures.Add($"{Section}:GlpiTimeout must be at most {HttpResilience.LongestCall.TotalSeconds:0} seconds.");
        }

        if (options.GlpiRetries is < 0 or > 5)
        {
            failures.Add($"{Section}:GlpiRetries must be between 0 and 5.");
        }

        if (options.MaxAttempts < 1 || options.CallsPerBridgePerMinute < 1 || options.CallsPerUserPerMinute < 1 || options.RejectedCallsPerSourcePerMinute < 1)
        {
            failures.Add($"{Section}:MaxAttempts, CallsPerBridgePerMinute, CallsPerUserPerMinute and RejectedCallsPerSourcePerMinute must be at least 1.");
        }

        if (options.MaxHookBodyBytes is < 16 * 1024 or > 1024 * 1024)
        {
            failures.Add($"{Section}:MaxHookBodyBytes must be between 16384 and 1048576 (a Mattermost post of 16,383 characters needs about 50 KB at most).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
