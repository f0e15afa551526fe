namespace Switchboard.Domain.Audit;

public enum ActorKind
{
    User,
    ApiKey,
    System,
}
