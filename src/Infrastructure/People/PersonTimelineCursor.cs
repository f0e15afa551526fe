namespace Switchboard.Infrastructure.People;

/// <summary>
/// A position in a person's timeline, for keyset paging: lines are ordered newest first by time, then module, then id
/// (all descending), so the next page is every line after this one in that order, however many lines arrived meanwhile.
/// </summary>
public sealed record PersonTimelineCursor(DateTime At, TimelineModule Module, long Id);
