namespace Switchboard.Infrastructure.People;

/// <summary>
/// One line of a person's timeline: when, from which module, what happened, and what the portal needs to link to the
/// object (<paramref name="Id"/> is the object's stored id; <paramref name="Key"/> a second key where the object's page
/// needs one: a ChatOps call's Mattermost username, a token outcome's run).
/// </summary>
/// <param name="Problem">The line reports something that went wrong or needs attention (a dead message, a failed call).</param>
/// <param name="ExternalUrl">A page outside Switchboard the object has, e.g. the GLPI ticket a ChatOps call opened.</param>
public sealed record PersonTimelineEntry(
    DateTime At, TimelineModule Module, long Id, string Title, string? Detail, bool Problem, string? Key = null, string? ExternalUrl = null)
{
    /// <summary>Where the timeline goes on from, after this line.</summary>
    public PersonTimelineCursor Cursor => new(At, Module, Id);
}
