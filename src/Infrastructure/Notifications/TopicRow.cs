namespace Switchboard.Infrastructure.Notifications;

public sealed record TopicRow(string Code, string? Description, string Subject);
