namespace Switchboard.Domain.Audit;

/// <summary>Who did something: a signed-in person, a machine holding an API key, or the portal itself.</summary>
public sealed record Actor(string Name, ActorKind Kind)
{
    public static Actor System { get; } = new("system", ActorKind.System);

    public static Actor User(string name) => new(name, ActorKind.User);

    public static Actor ApiKey(string keyName) => new($"api-key:{keyName}", ActorKind.ApiKey);
}
