namespace Switchboard.Infrastructure.ApiKeys;

/// <summary>The one moment the secret exists outside the caller's hands: shown once, then gone.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Secret)
{
    public override string ToString() => $"{nameof(CreatedApiKey)} {{ Id = {Id}, Name = {Name}, Secret = *** }}";
}
