namespace Switchboard.Portal.Features.Notifications;

/// <summary>Where a date watch's notification falls, as the editor asks it: so many days before the date, on it, or after it.</summary>
public enum DateOffsetChoice
{
    Before,
    OnTheDay,
    After,
}
