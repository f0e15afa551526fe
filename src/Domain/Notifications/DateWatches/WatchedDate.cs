using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Domain.Notifications.DateWatches;

/// <summary>What an identity event says of a watched date: nothing (it does not mention the attribute), a date, or that it is gone.</summary>
public sealed record WatchedDate(bool Mentioned, DateOnly? Date)
{
    public static readonly WatchedDate NotMentioned = new(false, null);

    /// <summary>
    /// The date after the event: the after-state's value (a value that is no date counts as removed); removed when only the
    /// before-state has it or the identity is deleted; not mentioned when neither state names the attribute.
    /// </summary>
    public static WatchedDate In(DateWatch watch, string eventType, TemplateState before, TemplateState after)
    {
        if (eventType == EventTypes.Delete)
        {
            return new WatchedDate(true, null);
        }

        var (was, now) = watch.IsEav ? (before.Eav, after.Eav) : (before.Attributes, after.Attributes);
        return now.TryGetValue(watch.Code, out var value) ? new WatchedDate(true, DateValues.Read(value))
            : was.ContainsKey(watch.Code) ? new WatchedDate(true, null)
            : NotMentioned;
    }
}
