using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>Filters of the delivery log; empty fields do not filter.</summary>
public sealed record MessageFilter(MessageStatus? Status = null, string? Topic = null, string? Recipient = null);
