using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Provisioning;

internal sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    private const string Section = ProvisioningOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var failures = new List<string>();
        if (options.RequestRetention < TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:RequestRetention must be at least one hour (it is {options.RequestRetention}).");
        }

        if (options.RerunsPerSecond is <= 0 or > 1000)
        {
            failures.Add($"{Section}:RerunsPerSecond must be between 0 and 1000 (it is {options.RerunsPerSecond}).");
        }

        if (options.ScrubKeys?.Where(p => !p.Any(char.IsLetterOrDigit)).ToList() is { Count: > 0 } blank)
        {
            failures.Add($"{Section}:ScrubKeys entries must name part of a key (letters or digits; separators and case are ignored): "
                + string.Join(", ", blank.Select(p => $"'{p}'")) + " names nothing.");
        }

        var queue = options.RabbitMq;
        if (queue.Enabled)
        {
            if (!System.Uri.TryCreate(queue.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            {
                // The value itself may hold a password: it is not repeated here.
                failures.Add($"{Section}:RabbitMq:Uri is not an amqp:// or amqps:// URI.");
            }

            if (string.IsNullOrWhiteSpace(queue.Queue))
            {
                failures.Add($"{Section}:RabbitMq:Queue must name a queue.");
            }

            if (queue.EffectiveBindings.Any(b => b.Exchange.Length == 0))
            {
                failures.Add($"{Section}:RabbitMq:Bindings entries must be 'exchange' or 'exchange:routing.key'.");
            }

            if (queue.PrefetchCount == 0 || queue.BatchSize is < 1 or > 10_000)
            {
                failures.Add($"{Section}:RabbitMq:PrefetchCount must be at least 1 and BatchSize between 1 and 10000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
