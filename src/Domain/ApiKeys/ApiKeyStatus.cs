namespace Switchboard.Domain.ApiKeys;

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}
