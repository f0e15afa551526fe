using Switchboard.Domain.Events;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>One received event as stored (what arrived, what the directory did, what evaluation noted) and the messages it produced.</summary>
public sealed record EventDetail(EntityEvent Event, IReadOnlyList<MessageRow> Messages);
