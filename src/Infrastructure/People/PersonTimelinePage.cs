namespace Switchboard.Infrastructure.People;

/// <summary>One page of a person's timeline, and where the next one starts (null when this is the last).</summary>
public sealed record PersonTimelinePage(IReadOnlyList<PersonTimelineEntry> Entries, PersonTimelineCursor? Next)
{
    public static readonly PersonTimelinePage Empty = new([], null);
}
