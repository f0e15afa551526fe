namespace Switchboard.Infrastructure.Events;

/// <summary>
/// The RabbitMQ queue events may also arrive on (<c>Events:RabbitMq</c>); off while <see cref="Uri"/> is empty.
/// The URI carries the password, so it is never logged or shown.
/// </summary>
public sealed class EventQueueOptions
{
    public const string SectionName = "Events:RabbitMq";

    /// <summary>e.g. <c>amqp://switchboard:secret@rabbit.example.org:5672/identity</c>.</summary>
    public string? Uri { get; set; }
    public string Queue { get; set; } = "switchboard.events";

    /// <summary>How many unacknowledged messages the broker may hand over at once.</summary>
    public ushort PrefetchCount { get; set; } = 50;

    /// <summary>At most this many messages are stored in one go and acknowledged together.</summary>
    public int BatchSize { get; set; } = 50;

    public bool Enabled => !string.IsNullOrWhiteSpace(Uri);
}
