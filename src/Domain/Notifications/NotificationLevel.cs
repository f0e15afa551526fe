namespace Switchboard.Domain.Notifications;

public enum NotificationLevel
{
    Success,
    Info,
    Warning,
    Error,
}
