namespace Switchboard.Portal.Auth;

/// <summary>Claim types the portal issues itself, distinct from anything an identity provider could send.</summary>
public static class PortalClaims
{
    public const string Name = "name";
    public const string Role = "switchboard_role";
    public const string Scope = "switchboard_scope";
    public const string ApiKeyId = "switchboard_api_key";
}
