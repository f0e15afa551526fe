using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Events;

internal sealed class EventQueueOptionsValidator : IValidateOptions<EventQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, EventQueueOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            // The value itself may hold a password: it is not repeated here.
            failures.Add($"{EventQueueOptions.SectionName}:Uri is not an amqp:// or amqps:// URI.");
        }

        if (string.IsNullOrWhiteSpace(options.Queue))
        {
            failures.Add($"{EventQueueOptions.SectionName}:Queue must name a queue.");
        }

        if (options.PrefetchCount == 0)
        {
            failures.Add($"{EventQueueOptions.SectionName}:PrefetchCount must be at least 1.");
        }

        if (options.BatchSize < 1)
        {
            failures.Add($"{EventQueueOptions.SectionName}:BatchSize must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
