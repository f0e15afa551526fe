namespace Switchboard.Infrastructure.People;

/// <summary>The part of Switchboard a line of a person's timeline comes from; the timeline's filter.</summary>
public enum TimelineModule
{
    Identity,
    Notifications,
    Provisioning,
    ChatOps,
    Tokens,
    Audit,
}
