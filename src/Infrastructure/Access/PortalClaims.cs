namespace Switchboard.Infrastructure.Access;

/// <summary>Claim types the portal issues itself, distinct from anything an identity provider could send.</summary>
public static class PortalClaims
{
    public const string Name = "name";
    public const string Role = "switchboard_role";
    public const string Scope = "switchboard_scope";
    public const string ApiKeyId = "switchboard_api_key";

    /// <summary>The id of the server-side session (<see cref="Domain.Access.PortalSession"/>) a person's principal belongs to.</summary>
    public const string SessionId = "switchboard_session";
}
