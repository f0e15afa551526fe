namespace Switchboard.Infrastructure.Mattermost;

/// <summary>The running token job as the page shows it live: how many people it has to do and how far it got.</summary>
public sealed record TokenRunProgress(
    long RunId, string TriggeredBy, DateTime StartedAt, int Total, int Done, int Generated, int Rotated, int NotFound, int Failed, bool Cancelling);
